import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZWatchStep } from "@/lib/schemas/step";
import type { WatchSample } from "@/lib/schemas/step";
import { limitAt, prometheusValue, runWatchStep } from "@/workers/steps/watch-step";

// A local metrics server scripted per test: `script[n]` is the n-th answer (a number, or a status code to fail with).
let script: (number | { status: number } | { body: unknown })[] = [];
let served = 0;
let server: http.Server;
let base = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const next = script[Math.min(served++, script.length - 1)];
    if (typeof next === "number") {
      const doc = req.url!.startsWith("/api/v1/query")
        ? { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [Date.now() / 1000, String(next)] }] } }
        : { data: { errorRate: next } };
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(doc));
    } else if ("status" in next) res.writeHead(next.status).end("{}");
    else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(next.body));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

/** A fake clock: sleeping advances it, so a 60-second watch runs instantly. */
function clock() {
  let t = Date.UTC(2030, 0, 1);
  return { now: () => t, sleep: async (ms: number) => ((t += ms), true) };
}

async function watch(config: Record<string, unknown>, answers: typeof script, releaseT0?: number) {
  script = answers;
  served = 0;
  const lines: string[] = [];
  const samples: WatchSample[] = [];
  const step = ZWatchStep.parse({ kind: "watch", text: "error rate", healthy: { op: "<", value: 1 }, unit: "%", intervalSec: 10, durationSec: 60, ...config });
  const outcome = await runWatchStep(
    step,
    { env: {}, signal: new AbortController().signal, output: (_s, l) => lines.push(l), sample: (s) => samples.push(s), releaseT0 },
    clock(),
  );
  return { outcome, lines, samples };
}

const json = { source: { type: "json", url: "", path: "$.data.errorRate" } };
const withUrl = (c: typeof json) => ({ source: { ...c.source, url: `${base}/metrics` } });

describe("the watch step", () => {
  it("holds when every sample is healthy: one sample per interval and one at the end", async () => {
    const { outcome, samples } = await watch(withUrl(json), [0.2]);
    expect(outcome.status).toBe("succeeded");
    expect(samples.map((s) => s.value)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it("a pause stops its clock, not the watch: samples go on and the duration is extended by the paused time", async () => {
    script = [0.2];
    served = 0;
    const c = clock();
    const start = c.now();
    const samples: WatchSample[] = [];
    // Paused 20 s in for 30 s (the orchestrator's pause state, as the database holds it).
    const paused = () => {
      const at = c.now() - start;
      if (at < 20_000) return { since: null, by: null, totalMs: 0 };
      if (at < 50_000) return { since: start + 20_000, by: "Max Manager", totalMs: 0 };
      return { since: null, by: null, totalMs: 30_000 };
    };
    const step = ZWatchStep.parse({ kind: "watch", text: "error rate", healthy: { op: "<", value: 1 }, intervalSec: 10, durationSec: 60, ...withUrl(json) });
    const outcome = await runWatchStep(step, { env: {}, signal: new AbortController().signal, output: () => {}, sample: (s) => samples.push(s), paused }, c);
    expect(outcome).toMatchObject({ status: "succeeded", summary: "held < 1 for 60 s (10 samples, paused 30 s)" });
    expect(c.now() - start).toBe(90_000);
    expect(samples).toHaveLength(10);
  });

  it("fails on the first breaching sample by default, and keeps every sample for the chart", async () => {
    const { outcome, samples, lines } = await watch(withUrl(json), [0.3, 0.5, 2.5, 0.1]);
    expect(outcome.status).toBe("failed");
    expect(outcome.summary).toContain("sample 3");
    expect(samples.map((s) => [s.value, s.healthy])).toEqual([
      [0.3, true],
      [0.5, true],
      [2.5, false],
    ]);
    expect((outcome.result as { breachedAt: number }).breachedAt).toBe(3);
    expect(lines.some((l) => l.includes("2.5 %") && l.includes("✗"))).toBe(true);
  });

  it("with failAfter 2 forgives a single spike but not two in a row", async () => {
    expect((await watch({ ...withUrl(json), failAfter: 2 }, [0.1, 3, 0.1, 0.2, 0.1, 0.1, 0.1])).outcome.status).toBe("succeeded");
    const twice = await watch({ ...withUrl(json), failAfter: 2 }, [0.1, 3, 4, 0.1]);
    expect(twice.outcome.status).toBe("failed");
    expect((twice.outcome.result as { breachedAt: number }).breachedAt).toBe(3);
  });

  it("counts unreadable samples as a breach only after maxMissing in a row", async () => {
    const blips = await watch(withUrl(json), [0.1, { status: 503 }, { status: 503 }, 0.1, 0.1, 0.1, 0.1]);
    expect(blips.outcome.status).toBe("succeeded");
    const down = await watch({ ...withUrl(json), maxMissing: 3 }, [0.1, { status: 503 }, { body: { data: {} } }, { status: 500 }, 0.1]);
    expect(down.outcome.status).toBe("failed");
    expect((down.outcome.result as { breachedAt: number }).breachedAt).toBe(4);
    expect(down.samples[2].error).toContain("not a number");
  });

  it("reads a Prometheus instant vector", async () => {
    const { outcome, samples } = await watch(
      { source: { type: "prometheus", url: base, query: "sum(rate(http_errors_total[5m]))" }, healthy: { op: "<=", value: 1 } },
      [1, 1, 0.5, 1.5],
    );
    expect(samples.map((s) => s.value)).toEqual([1, 1, 0.5, 1.5]);
    expect(outcome.status).toBe("failed");
  });
});

describe("Prometheus responses", () => {
  it("takes the first sample of a vector and refuses empty results, errors and other types", () => {
    expect(prometheusValue({ status: "success", data: { resultType: "vector", result: [{ value: [1, "0.25"] }, { value: [1, "9"] }] } })).toBe("0.25");
    expect(prometheusValue({ status: "success", data: { resultType: "vector", result: [{ value: [1, "NaN"] }] } })).toBe("NaN");
    expect(() => prometheusValue({ status: "success", data: { resultType: "vector", result: [] } })).toThrow("empty result");
    expect(() => prometheusValue({ status: "error", error: "bad query" })).toThrow("bad query");
    expect(() => prometheusValue({ status: "success", data: { resultType: "matrix", result: [] } })).toThrow("instant vector");
  });

  it("treats NaN as unreadable", async () => {
    const { samples } = await watch({ source: { type: "prometheus", url: base, query: "x" }, maxMissing: 1 }, [
      { body: { status: "success", data: { resultType: "vector", result: [{ value: [1, "NaN"] }] } } },
    ]);
    expect(samples[0]).toMatchObject({ value: null, healthy: false });
  });
});

describe("stricter limits in the release window (the first minutes after T-0)", () => {
  const start = Date.UTC(2030, 0, 1);
  const step = { healthy: { op: "<" as const, value: 1 }, releaseWindow: { minutes: 15, value: 0.5 } };

  it("uses the window's value from T-0 up to (not including) T-0 + minutes, the usual one before and after", () => {
    const t0 = start;
    expect(limitAt(step, t0 - 1, t0)).toBe(1);
    expect(limitAt(step, t0, t0)).toBe(0.5);
    expect(limitAt(step, t0 + 15 * 60_000 - 1, t0)).toBe(0.5);
    expect(limitAt(step, t0 + 15 * 60_000, t0)).toBe(1);
    expect(limitAt({ healthy: step.healthy }, t0 + 1, t0)).toBe(1);
    expect(limitAt(step, t0 + 1, undefined)).toBe(1);
  });

  it("judges samples taken inside the window by the stricter value (injected clock)", async () => {
    // Samples at 0, 10, 20 ... 60 s after the start; T-0 is 20 s in, so the third sample is the first in the window.
    const { outcome, samples } = await watch({ ...withUrl(json), releaseWindow: { minutes: 1, value: 0.5 } }, [0.7], start + 20_000);
    expect(outcome.status).toBe("failed");
    expect(samples.map((s) => [s.value, s.limit, s.healthy])).toEqual([
      [0.7, 1, true],
      [0.7, 1, true],
      [0.7, 0.5, false],
    ]);
    expect(outcome.summary).toContain("broke < 0.5 %");
  });

  it("holds with the same values once the window is over", async () => {
    const { outcome, samples } = await watch({ ...withUrl(json), releaseWindow: { minutes: 1, value: 0.5 } }, [0.7], start - 61_000);
    expect(outcome.status).toBe("succeeded");
    expect(samples.every((s) => s.limit === 1 && s.healthy)).toBe(true);
  });

  it("refuses a window value that is not stricter", () => {
    const bad = ZWatchStep.safeParse({
      kind: "watch",
      text: "p95",
      ...withUrl(json),
      healthy: { op: "<", value: 500 },
      releaseWindow: { minutes: 30, value: 800 },
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(["releaseWindow", "value"]);
    const above = ZWatchStep.safeParse({
      kind: "watch",
      text: "success",
      ...withUrl(json),
      healthy: { op: ">", value: 99 },
      releaseWindow: { minutes: 30, value: 99.9 },
    });
    expect(above.success).toBe(true);
  });
});

describe("an environment's allowed hosts", () => {
  it("stop a watch whose metric lives on a host the environment does not list, before any sample", async () => {
    let fetched = 0;
    const lines: string[] = [];
    const step = {
      kind: "watch",
      text: "error rate",
      source: { type: "json", url: "http://metrics.internal:9090/rate", path: "value" },
      healthy: { op: "<", value: 1 },
      intervalSec: 1,
      durationSec: 5,
      failAfter: 1,
      maxMissing: 3,
    } as const;
    const outcome = await runWatchStep(
      step as unknown as Parameters<typeof runWatchStep>[0],
      {
        env: {},
        signal: new AbortController().signal,
        output: (_s, line) => lines.push(line),
        hosts: { allowed: ["*.example.com"], environment: "production" },
      },
      { fetch: (async () => (fetched++, new Response("{}"))) as typeof fetch },
    );
    expect(outcome.status).toBe("failed");
    expect(outcome.summary).toBe("metrics.internal:9090 is not among the hosts production allows (its protection's allowed hosts)");
    expect(fetched).toBe(0);
  });
});
