import type { TWatchSource, TWatchStep, WatchSample } from "@/lib/schemas/step";
import { valueAtJsonPath } from "@/workers/steps/http-expectations";
import { pausedFor, type StepContext, type StepOutcome } from "@/workers/steps/step-types";
import { hostAllowed, hostRefusal } from "@/lib/environments/allowed-hosts";

// A watch step polls one metric and judges each sample. Every sample is reported (ctx.sample, which the
// orchestrator stores and streams for the live chart) and printed; the step fails as soon as the metric has
// been unhealthy `failAfter` times in a row, or unreadable `maxMissing` times in a row.

type Deps = { now?: () => number; sleep?: (ms: number, signal: AbortSignal) => Promise<boolean>; fetch?: typeof fetch };

const OPS = {
  "<": (a: number, b: number) => a < b,
  "<=": (a: number, b: number) => a <= b,
  ">": (a: number, b: number) => a > b,
  ">=": (a: number, b: number) => a >= b,
};
const SAMPLE_TIMEOUT_MS = 10_000;

/** One number from the source: a JSON document's value at a path, or a Prometheus instant vector's first sample. */
export async function readMetric(source: TWatchSource, signal: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<number> {
  const url = source.type === "json" ? source.url : `${source.url.replace(/\/$/, "")}/api/v1/query?query=${encodeURIComponent(source.query)}`;
  const res = await fetchImpl(url, { headers: source.headers, redirect: "manual", signal: AbortSignal.any([signal, AbortSignal.timeout(SAMPLE_TIMEOUT_MS)]) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const doc = (await res.json()) as unknown;
  const raw = source.type === "json" ? valueAtJsonPath(doc, source.path) : prometheusValue(doc);
  const value = typeof raw === "string" ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`not a number: ${JSON.stringify(raw) ?? "nothing"}`);
  return value;
}

/** `{ status: "success", data: { resultType: "vector", result: [{ value: [ts, "0.12"] }] } }` -> "0.12". */
export function prometheusValue(doc: unknown): unknown {
  const d = doc as { status?: string; error?: string; data?: { resultType?: string; result?: { value?: [number, string] }[] } };
  if (d?.status !== "success") throw new Error(`prometheus: ${d?.error ?? d?.status ?? "no status"}`);
  if (d.data?.resultType !== "vector") throw new Error(`prometheus: expected an instant vector, got ${d.data?.resultType ?? "nothing"}`);
  const first = d.data.result?.[0]?.value;
  if (!first) throw new Error("prometheus: empty result");
  return first[1];
}

/**
 * The limit a sample taken at `atMs` is judged against: the release window's stricter value within the first
 * `releaseWindow.minutes` after T-0 (inclusive of T-0, exclusive of the end), the usual one otherwise. Before
 * T-0 (a deploy ahead of schedule) the usual limit applies: the window is about the launch's first minutes.
 */
export function limitAt(step: Pick<TWatchStep, "healthy" | "releaseWindow">, atMs: number, t0Ms: number | undefined): number {
  const w = step.releaseWindow;
  if (!w || t0Ms === undefined) return step.healthy.value;
  return atMs >= t0Ms && atMs < t0Ms + w.minutes * 60_000 ? w.value : step.healthy.value;
}

function defaultSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve(false)), { once: true });
  });
}

export async function runWatchStep(
  step: TWatchStep,
  ctx: StepContext & { sample?: (s: WatchSample) => void; releaseT0?: number },
  deps: Deps = {},
): Promise<StepOutcome> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? defaultSleep;
  const unit = step.unit ? ` ${step.unit}` : "";
  let rule = `${step.healthy.op} ${step.healthy.value}${unit}`;
  const until = now() + step.durationSec * 1000;
  const samples: WatchSample[] = [];
  let unhealthy = 0;
  let missing = 0;
  const windowNote = step.releaseWindow
    ? `; ${step.healthy.op} ${step.releaseWindow.value}${unit} in the first ${step.releaseWindow.minutes} min after T-0`
    : "";
  const url = step.source.url;
  if (ctx.hosts && !hostAllowed(url, ctx.hosts.allowed)) {
    const refused = hostRefusal(url, ctx.hosts.environment);
    ctx.output("system", refused);
    return { status: "failed", summary: refused, result: { samples } };
  }
  ctx.output("system", `watching for ${step.durationSec} s, a sample every ${step.intervalSec} s; healthy while ${rule}${windowNote}`);
  for (let n = 1; ; n++) {
    if (ctx.signal.aborted) return { status: "cancelled", summary: "cancelled", result: { samples } };
    let sample: WatchSample;
    try {
      const value = await readMetric(step.source, ctx.signal, deps.fetch);
      const at = now();
      const limit = limitAt(step, at, ctx.releaseT0);
      const healthy = OPS[step.healthy.op](value, limit);
      sample = { n, at: new Date(at).toISOString(), value, healthy, limit };
      unhealthy = healthy ? 0 : unhealthy + 1;
      missing = 0;
      rule = `${step.healthy.op} ${limit}${unit}`;
      ctx.output("system", `sample ${n}: ${value}${unit} (${rule}) ${healthy ? "✓" : "✗"}`);
    } catch (err) {
      if (ctx.signal.aborted) return { status: "cancelled", summary: "cancelled", result: { samples } };
      missing += 1;
      sample = { n, at: new Date(now()).toISOString(), value: null, healthy: missing < step.maxMissing, error: (err as Error).message };
      if (missing >= step.maxMissing) unhealthy += 1;
      ctx.output("system", `sample ${n}: could not be read (${(err as Error).message}); ${missing} in a row`);
    }
    samples.push(sample);
    ctx.sample?.(sample);
    if (unhealthy >= step.failAfter) {
      const why =
        sample.value === null ? `${missing} samples in a row could not be read` : `${sample.value}${unit} broke ${rule} ${unhealthy} time(s) in a row`;
      return { status: "failed", summary: `threshold breached at sample ${n}: ${why}`, result: { samples, breachedAt: n } };
    }
    // Samples at 0, interval, 2 x interval ... and a last one when the window ends.
    // A pause stops the clock, not the watch: samples go on being judged while the bake is paused.
    const end = until + pausedFor(ctx.paused?.(), now());
    if (now() >= end) break;
    const wait = Math.min(step.intervalSec * 1000, end - now());
    if (!(await sleep(wait, ctx.signal))) return { status: "cancelled", summary: "cancelled", result: { samples } };
  }
  const paused = Math.round(pausedFor(ctx.paused?.(), now()) / 1000);
  const pausedNote = paused > 0 ? `, paused ${paused} s` : "";
  return { status: "succeeded", summary: `held ${rule} for ${step.durationSec} s (${samples.length} samples${pausedNote})`, result: { samples } };
}
