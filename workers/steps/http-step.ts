import { resolveRequestReferences } from "@/lib/secrets/secret-references";
import type { THttpRequest, THttpStep } from "@/lib/schemas/step";
import { evaluateHttpExpectations, type HttpCheck } from "@/workers/steps/http-expectations";
import type { StepContext, StepOutcome } from "@/workers/steps/step-types";
import { hostAllowed, hostRefusal } from "@/lib/environments/allowed-hosts";

// One HTTP check with retries. Output names what was expected and what came, per attempt; request header
// values and bodies are never printed (they carry tokens), only the method, the URL and the checks.

export const DEFAULT_HTTP_TIMEOUT_SEC = 30;
export const DEFAULT_RETRY_INTERVAL_SEC = 5;
/** Enough for any health or version document; a huge download must not fill the worker's memory. */
export const MAX_BODY_BYTES = 1024 * 1024;

type Attempt =
  | { kind: "response"; status: number; latencyMs: number; ok: boolean; checks: HttpCheck[] }
  | { kind: "error"; error: string; latencyMs: number }
  | { kind: "cancelled" };

export async function runHttpStep(step: THttpStep, ctx: StepContext): Promise<StepOutcome> {
  const { request, missing } = resolveRequestReferences(step.request, ctx.env);
  if (missing.length > 0) {
    const problem = `not set for this environment: ${missing.map((n) => `\${${n}}`).join(", ")} (add ${missing.join(", ")} to the environment's secrets)`;
    ctx.output("system", problem);
    return { status: "failed", summary: problem, result: { attempts: 0, error: problem } };
  }
  // The environment's allowed hosts, checked before anything is sent (and again for each redirect, below).
  if (ctx.hosts && !hostAllowed(request.url, ctx.hosts.allowed)) {
    const refused = hostRefusal(request.url, ctx.hosts.environment);
    ctx.output("system", refused);
    return { status: "failed", summary: refused, result: { attempts: 0, error: refused } };
  }
  const problem = requestProblem({ ...step, request });
  if (problem) {
    ctx.output("system", problem);
    return { status: "failed", summary: problem, result: { attempts: 0, error: problem } };
  }
  const allowed = (step.retries ?? 0) + 1;
  const intervalSec = step.retryIntervalSec ?? DEFAULT_RETRY_INTERVAL_SEC;
  for (let attempt = 1; ; attempt++) {
    const a = ctx.signal.aborted ? ({ kind: "cancelled" } as const) : await attemptOnce(step, request, ctx);
    if (a.kind === "cancelled") return { status: "cancelled", summary: "cancelled", result: { attempts: attempt, cancelled: true } };
    const result =
      a.kind === "response"
        ? { attempts: attempt, status: a.status, latencyMs: a.latencyMs, checks: a.checks }
        : { attempts: attempt, error: a.error, latencyMs: a.latencyMs };
    const ok = a.kind === "response" && a.ok;
    const tries = attempt > 1 ? ` after ${attempt} attempts` : "";
    if (ok) return { status: "succeeded", summary: `${a.status} in ${a.latencyMs} ms, ${a.checks.length} checks passed${tries}`, result };
    if (attempt >= allowed) return { status: "failed", summary: `${failureSummary(a)}${tries}`, result };
    ctx.output("system", `retrying in ${intervalSec} s (attempt ${attempt + 1} of ${allowed})`);
    if (!(await sleep(intervalSec * 1000, ctx.signal))) {
      return { status: "cancelled", summary: "cancelled while waiting to retry", result: { ...result, cancelled: true } };
    }
  }
}

/** `request` is the step's with its `${NAME}` references resolved; output names the URL as written. */
async function attemptOnce(step: THttpStep, request: THttpRequest, ctx: StepContext): Promise<Attempt> {
  const { method, headers, body, followRedirects } = request;
  const url = step.request.url;
  const timeoutSec = step.timeoutSec ?? DEFAULT_HTTP_TIMEOUT_SEC;
  const timeout = AbortSignal.timeout(timeoutSec * 1000);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const init = { method, headers, body: body ?? undefined, signal: AbortSignal.any([ctx.signal, timeout]) };
    // A 301 to a login page must not pass as the page: redirects are followed only when the step says so, and then
    // hop by hop when the environment lists its hosts, so a redirect cannot lead the check anywhere else.
    const res = followRedirects ? await fetchFollowing(request.url, init, ctx.hosts) : await fetch(request.url, { ...init, redirect: "manual" });
    const text = await readBody(res);
    // Latency is the whole exchange, headers and body, as curl's time_total that runbooks quote.
    const latencyMs = elapsed();
    const { ok, checks } = evaluateHttpExpectations(
      step.expect,
      { status: res.status, headers: Object.fromEntries(res.headers), body: text, latencyMs },
      ctx.masker,
    );
    const status = checks[0]; // the status check always comes first
    ctx.output(
      "system",
      `${method} ${url} -> ${res.status} in ${latencyMs} ms: expected status ${status.expected}, got ${status.got} ${status.ok ? "✓" : "✗"}`,
    );
    for (const c of checks.slice(1)) if (!c.ok) ctx.output("system", `✗ ${c.name}: expected ${c.expected}, got ${c.got}`);
    return { kind: "response", status: res.status, latencyMs, ok, checks };
  } catch (err) {
    if (ctx.signal.aborted) {
      ctx.output("system", `${method} ${url} -> cancelled`);
      return { kind: "cancelled" };
    }
    const error = timeout.aborted ? `no complete response within ${timeoutSec} s` : describeError(err);
    ctx.output("system", `${method} ${url} -> ${error}`);
    return { kind: "error", error, latencyMs: elapsed() };
  }
}

/** Problems no retry can fix: said once, before any request. */
function requestProblem(step: THttpStep): string | null {
  let url: URL;
  try {
    url = new URL(step.request.url);
  } catch {
    return `invalid URL ${JSON.stringify(step.request.url)}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `unsupported URL scheme ${url.protocol}`;
  if (url.username || url.password) return "a URL with user:password is not supported; use an Authorization header";
  if (step.request.body !== undefined && (step.request.method === "GET" || step.request.method === "HEAD")) {
    return `a ${step.request.method} request cannot have a body`;
  }
  return null;
}

async function readBody(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_BODY_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES));
}

function describeError(err: unknown): string {
  // undici reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND, a TLS error) in cause.
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  if (cause?.message) return `error: ${cause.message}`;
  return `error: ${err instanceof Error ? err.message : String(err)}`;
}

function failureSummary(a: Exclude<Attempt, { kind: "cancelled" }>): string {
  if (a.kind === "error") return a.error;
  const failed = a.checks.filter((c) => !c.ok);
  const first = failed[0];
  const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : "";
  return `${first.name}: expected ${first.expected}, got ${first.got}${more}`;
}

/** Resolves true after ms, false as soon as the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const MAX_REDIRECTS = 10;

/** Follows redirects itself when the environment lists its hosts (fetch's own "follow" would not ask). */
async function fetchFollowing(url: string, init: RequestInit, hosts: StepContext["hosts"]): Promise<Response> {
  if (!hosts?.allowed.length) return fetch(url, { ...init, redirect: "follow" });
  let current = url;
  let { method, body } = init;
  for (let hop = 0; ; hop++) {
    const res = await fetch(current, { ...init, method, body, redirect: "manual" });
    const location = res.headers.get("location");
    if (res.status < 300 || res.status >= 400 || !location || hop === MAX_REDIRECTS) return res;
    const next = new URL(location, current).toString();
    if (!hostAllowed(next, hosts.allowed)) throw new Error(`redirected: ${hostRefusal(next, hosts.environment)}`);
    await res.body?.cancel();
    // As browsers and fetch do: 303, and 301/302 after a POST, continue as GET without a body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) [method, body] = ["GET", undefined];
    current = next;
  }
}
