import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { THttpExpect, THttpStep } from "@/lib/schemas/step";
import { runHttpStep } from "@/workers/steps/http-step";
import type { StepContext } from "@/workers/steps/step-types";

// A real server on 127.0.0.1, real fetch: redirects, timeouts and retries are transport behaviour.

let server: Server;
let base = "";
let hits: Record<string, number> = {};
let received: { headers: IncomingMessage["headers"]; body: string } | null = null;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits[path] = (hits[path] ?? 0) + 1;
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received = { headers: req.headers, body };
      if (path === "/health") {
        res.writeHead(200, { "content-type": "application/json", "strict-transport-security": "max-age=600" });
        res.end(JSON.stringify({ status: "ok", version: "2.0.1" }));
      } else if (path === "/away") {
        res.writeHead(302, { location: "http://localhost.invalid:9/health" }).end();
      } else if (path === "/moved") {
        res.writeHead(302, { location: "/health" }).end();
      } else if (path === "/flaky") {
        res.writeHead(hits[path] <= 2 ? 503 : 200).end("flaky");
      } else if (path === "/broken") {
        res.writeHead(500).end("down");
      } else if (path === "/slow") {
        setTimeout(() => res.writeHead(200).end("late"), 150);
      } else if (path === "/hang") {
        setTimeout(() => res.writeHead(200).end("too late"), 5_000).unref();
      } else res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  hits = {};
  received = null;
});

function context(signal = new AbortController().signal) {
  const lines: string[] = [];
  const ctx: StepContext = { env: {}, signal, output: (stream, line) => lines.push(`${stream}: ${line}`) };
  return { ctx, lines };
}
const step = (path: string, expect: THttpExpect = {}, over: Partial<THttpStep> = {}): THttpStep => ({
  kind: "http",
  text: `check ${path}`,
  request: { method: "GET", url: `${base}${path}`, headers: {} },
  expect,
  ...over,
});

describe("runHttpStep", () => {
  it("passes and says what was expected and what came", async () => {
    const { ctx, lines } = context();
    const expect_: THttpExpect = {
      status: { anyOf: [200] },
      bodyContains: ['"ok"'],
      jsonPath: [{ path: "version", equals: "2.0.1" }],
      headerPresent: ["strict-transport"],
    };
    const outcome = await runHttpStep(step("/health", expect_), ctx);
    expect(outcome).toMatchObject({ status: "succeeded", result: { attempts: 1, status: 200 } });
    expect((outcome.result!.checks as { ok: boolean }[]).map((c) => c.ok)).toEqual([true, true, true, true]);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^system: GET ${base}/health -> 200 in \\d+ ms: expected status 200, got 200 ✓$`));
  });

  it("fails with one line per failed check", async () => {
    const { ctx, lines } = context();
    const outcome = await runHttpStep(step("/health", { jsonPath: [{ path: "version", equals: "2.0.2" }], headerAbsent: ["strict"] }), ctx);
    expect(outcome).toMatchObject({ status: "failed", summary: 'json version: expected "2.0.2", got "2.0.1" (+1 more)' });
    expect(lines.slice(1)).toEqual([
      'system: ✗ json version: expected "2.0.2", got "2.0.1"',
      "system: ✗ header strict: expected absent, got present (strict-transport-security)",
    ]);
  });

  it("does not follow redirects unless asked", async () => {
    const notFollowed = await runHttpStep(step("/moved", { status: { anyOf: [200] } }), context().ctx);
    expect(notFollowed).toMatchObject({ status: "failed", result: { status: 302 }, summary: "status: expected 200, got 302" });
    expect(hits["/health"]).toBeUndefined();
    const redirect = await runHttpStep(
      step("/moved", { status: { min: 300, max: 399 }, headerMatches: [{ name: "location", pattern: "^/health$" }] }),
      context().ctx,
    );
    expect(redirect.status).toBe("succeeded");
    const followed = await runHttpStep(
      step("/moved", { status: { anyOf: [200] } }, { request: { method: "GET", url: `${base}/moved`, headers: {}, followRedirects: true } }),
      context().ctx,
    );
    expect(followed).toMatchObject({ status: "succeeded", result: { status: 200 } });
  });

  it("retries until the expectations hold", async () => {
    const { ctx, lines } = context();
    const outcome = await runHttpStep(step("/flaky", { status: { anyOf: [200] } }, { retries: 5, retryIntervalSec: 0.05 }), ctx);
    expect(outcome).toMatchObject({ status: "succeeded", result: { attempts: 3, status: 200 } });
    expect(outcome.summary).toMatch(/after 3 attempts$/);
    expect(hits["/flaky"]).toBe(3);
    expect(lines.filter((l) => l.includes("retrying"))).toEqual(["system: retrying in 0.05 s (attempt 2 of 6)", "system: retrying in 0.05 s (attempt 3 of 6)"]);
  });

  it("gives up after the last retry", async () => {
    const outcome = await runHttpStep(step("/broken", {}, { retries: 2, retryIntervalSec: 0 }), context().ctx);
    expect(outcome).toMatchObject({ status: "failed", result: { attempts: 3, status: 500 }, summary: "status: expected 200..399, got 500 after 3 attempts" });
    expect(hits["/broken"]).toBe(3);
  });

  it("times out a request that hangs", async () => {
    const t0 = performance.now();
    const { ctx, lines } = context();
    const outcome = await runHttpStep(step("/hang", {}, { timeoutSec: 0.3 }), ctx);
    expect(outcome).toMatchObject({ status: "failed", summary: "no complete response within 0.3 s" });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(lines).toEqual([`system: GET ${base}/hang -> no complete response within 0.3 s`]);
  });

  it("measures latency against the maximum", async () => {
    const outcome = await runHttpStep(step("/slow", { maxLatencyMs: 50 }), context().ctx);
    expect(outcome.status).toBe("failed");
    expect(outcome.result!.latencyMs).toBeGreaterThanOrEqual(140);
    expect(outcome.summary).toMatch(/^latency: expected <= 50 ms, got \d+ ms$/);
    expect((await runHttpStep(step("/slow", { maxLatencyMs: 5_000 }), context().ctx)).status).toBe("succeeded");
  });

  it("reports a refused connection and retries it", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const { ctx, lines } = context();
    const outcome = await runHttpStep(
      { ...step("/"), request: { method: "GET", url: `http://127.0.0.1:${port}/`, headers: {} }, retries: 1, retryIntervalSec: 0 },
      ctx,
    );
    expect(outcome).toMatchObject({ status: "failed", result: { attempts: 2 } });
    expect(lines[0]).toContain("ECONNREFUSED");
  });

  it("stops at once when cancelled while waiting to retry", async () => {
    const controller = new AbortController();
    const { ctx, lines } = context(controller.signal);
    const t0 = performance.now();
    const run = runHttpStep(step("/broken", {}, { retries: 3, retryIntervalSec: 30 }), ctx);
    setTimeout(() => controller.abort(), 200);
    expect(await run).toMatchObject({ status: "cancelled", summary: "cancelled while waiting to retry" });
    expect(performance.now() - t0).toBeLessThan(1_500);
    expect(lines).toHaveLength(2);
  });

  it("sends headers and body but never prints their values", async () => {
    const { ctx, lines } = context();
    const request = { method: "POST" as const, url: `${base}/health`, headers: { Authorization: "Bearer tok-abc123" }, body: "password=hunter2" };
    await runHttpStep(step("/health", {}, { request }), ctx);
    expect(received).toMatchObject({ headers: { authorization: "Bearer tok-abc123" }, body: "password=hunter2" });
    expect(lines.join("\n")).not.toMatch(/tok-abc123|hunter2/);
  });

  it("refuses a request no retry can fix, without sending it", async () => {
    const { ctx, lines } = context();
    const bad = await runHttpStep(step("/", {}, { request: { method: "GET", url: "not a url", headers: {} }, retries: 5 }), ctx);
    expect(bad).toMatchObject({ status: "failed", result: { attempts: 0 } });
    expect(lines).toEqual(['system: invalid URL "not a url"']);
    const withBody = await runHttpStep(step("/health", {}, { request: { method: "GET", url: `${base}/health`, headers: {}, body: "x" } }), context().ctx);
    expect(withBody.summary).toBe("a GET request cannot have a body");
    expect(hits["/health"]).toBeUndefined();
  });
});

describe("an environment's allowed hosts", () => {
  const hosts = (allowed: string[]) => ({ allowed, environment: "production" });

  it("refuses a host the environment does not list, before anything is sent", async () => {
    const { ctx, lines } = context();
    const outcome = await runHttpStep(step("/health"), { ...ctx, hosts: hosts(["api.example.com"]) });
    expect(outcome).toMatchObject({ status: "failed", result: { attempts: 0 } });
    expect(outcome.summary).toBe(`${new URL(base).host} is not among the hosts production allows (its protection's allowed hosts)`);
    expect(hits["/health"]).toBeUndefined();
    expect(lines).toEqual([`system: ${outcome.summary}`]);
  });

  it("lets a listed host through, and follows its redirects on listed hosts only", async () => {
    const { ctx } = context();
    expect(
      await runHttpStep(step("/moved", {}, { request: { method: "GET", url: `${base}/moved`, headers: {}, followRedirects: true } }), {
        ...ctx,
        hosts: hosts(["127.0.0.1"]),
      }),
    ).toMatchObject({
      status: "succeeded",
      result: { status: 200 },
    });
    expect(hits["/health"]).toBe(1);
    const away = await runHttpStep(step("/away", {}, { request: { method: "GET", url: `${base}/away`, headers: {}, followRedirects: true } }), {
      ...ctx,
      hosts: hosts(["127.0.0.1"]),
    });
    expect(away.status).toBe("failed");
    expect(away.result).toMatchObject({ error: expect.stringContaining("localhost.invalid:9 is not among the hosts production allows") });
  });
});
