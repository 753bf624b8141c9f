import { maskDeep } from "@/lib/secrets/mask-secrets";
import type { THttpExpect, THttpStatusExpect } from "@/lib/schemas/step";

// Pure: what an http step expected versus what came, one check per expectation, so the run view can show
// "expected X, got Y" for each and a person never has to guess why a smoke test failed.

export type HttpCheck = { name: string; expected: string; got: string; ok: boolean };
export type HttpResponseFacts = { status: number; headers: Record<string, string>; body: string; latencyMs: number };
export type HttpEvaluation = { ok: boolean; checks: HttpCheck[] };

/** Without a status expectation a response passes when it is 2xx or 3xx, as `curl -f` would see it. */
export const DEFAULT_STATUS_EXPECT: THttpStatusExpect = { min: 200, max: 399 };
/** Values quoted back in a check are cut here: a check line is for reading, not for dumping a body. */
const MAX_SHOWN = 200;

/** `mask` hides secrets in values quoted back, before they are escaped or cut (a cut secret is no longer found). */
export function evaluateHttpExpectations(expect: THttpExpect, res: HttpResponseFacts, mask: (text: string) => string = (t) => t): HttpEvaluation {
  const cut = (s: string) => cutShown(mask(s));
  const show = (v: unknown) => cut(v === undefined ? "undefined" : JSON.stringify(maskDeep(v, mask)));
  const headers = lowerCaseKeys(res.headers);
  const checks: HttpCheck[] = [statusCheck(expect.status ?? DEFAULT_STATUS_EXPECT, res.status)];
  for (const text of expect.bodyContains ?? []) {
    const found = res.body.includes(text);
    checks.push({ name: "body", expected: `contains ${JSON.stringify(text)}`, got: found ? "found" : `not found in ${res.body.length} characters`, ok: found });
  }
  if (expect.jsonPath?.length) {
    const json = parseJson(res.body);
    for (const { path, equals } of expect.jsonPath) checks.push(jsonPathCheck(json, path, equals, show));
  }
  for (const prefix of expect.headerPresent ?? []) {
    const names = headerNamesWithPrefix(headers, prefix);
    checks.push({ name: `header ${prefix}`, expected: "present", got: names.length ? `present (${names.join(", ")})` : "absent", ok: names.length > 0 });
  }
  for (const prefix of expect.headerAbsent ?? []) {
    const names = headerNamesWithPrefix(headers, prefix);
    checks.push({ name: `header ${prefix}`, expected: "absent", got: names.length ? `present (${names.join(", ")})` : "absent", ok: names.length === 0 });
  }
  for (const { name, pattern } of expect.headerMatches ?? []) checks.push(headerMatchCheck(headers, name, pattern, cut));
  if (expect.maxLatencyMs !== undefined) {
    const ok = res.latencyMs <= expect.maxLatencyMs;
    checks.push({ name: "latency", expected: `<= ${expect.maxLatencyMs} ms`, got: `${Math.round(res.latencyMs)} ms`, ok });
  }
  return { ok: checks.every((c) => c.ok), checks };
}

/** Every given constraint must hold: the list, and the range when min and/or max are set. */
function statusCheck(expect: THttpStatusExpect, status: number): HttpCheck {
  const parts: string[] = [];
  let ok = true;
  if (expect.anyOf) {
    parts.push(expect.anyOf.join(" or "));
    ok &&= expect.anyOf.includes(status);
  }
  if (expect.min !== undefined || expect.max !== undefined) {
    parts.push(
      expect.min !== undefined && expect.max !== undefined
        ? `${expect.min}..${expect.max}`
        : expect.min !== undefined
          ? `>= ${expect.min}`
          : `<= ${expect.max}`,
    );
    ok &&= status >= (expect.min ?? 100) && status <= (expect.max ?? 599);
  }
  return { name: "status", expected: parts.join(" and ") || "any", got: String(status), ok };
}

function jsonPathCheck(json: { ok: true; value: unknown } | { ok: false }, path: string, equals: unknown, show: (v: unknown) => string): HttpCheck {
  const base = { name: `json ${path}`, expected: show(equals) };
  if (!json.ok) return { ...base, got: "body is not JSON", ok: false };
  const steps = parseJsonPath(path);
  if (!steps) return { ...base, got: `invalid path ${JSON.stringify(path)}`, ok: false };
  const found = walk(json.value, steps);
  if (!found.ok) return { ...base, got: "missing", ok: false };
  return { ...base, got: show(found.value), ok: deepEqual(found.value, equals) };
}

/**
 * A small subset of JSONPath / jq: `status`, `.status`, `$.checks[0].name`, `items[2]`, `["odd key"]`.
 * Returns null for a path it cannot read, which fails the check instead of guessing.
 */
export function parseJsonPath(path: string): (string | number)[] | null {
  const steps: (string | number)[] = [];
  const re = /\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  const rest = path.trim().replace(/^\$(?=[.[]|$)/, ""); // `$` is JSONPath's root; jq's leading dot needs no help
  while (re.lastIndex < rest.length) {
    const m = re.exec(rest);
    if (!m) return null;
    steps.push(m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]) as string));
  }
  return steps;
}

/** The value at a dotted JSON path (`$.data.rate`, `a[0].b`), or undefined when the path does not resolve. */
export function valueAtJsonPath(doc: unknown, path: string): unknown {
  const steps = parseJsonPath(path);
  if (!steps) return undefined;
  const found = walk(doc, steps);
  return found.ok ? found.value : undefined;
}

function walk(value: unknown, steps: (string | number)[]): { ok: true; value: unknown } | { ok: false } {
  let cur = value;
  for (const step of steps) {
    if (
      typeof step === "number"
        ? !Array.isArray(cur) || step >= cur.length
        : cur === null || typeof cur !== "object" || Array.isArray(cur) || !Object.hasOwn(cur, step)
    )
      return { ok: false };
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return { ok: true, value: cur };
}

function headerMatchCheck(headers: Record<string, string>, name: string, pattern: string, cut: (s: string) => string): HttpCheck {
  const base = { name: `header ${name}`, expected: `matches /${pattern}/i` };
  let re: RegExp;
  try {
    re = new RegExp(pattern, "i");
  } catch {
    return { ...base, got: "invalid pattern", ok: false }; // the runbook's mistake must not crash the run
  }
  const value = headers[name.toLowerCase()];
  if (value === undefined) return { ...base, got: "absent", ok: false };
  return { ...base, got: cut(value), ok: re.test(value) };
}

function headerNamesWithPrefix(headers: Record<string, string>, prefix: string): string[] {
  const p = prefix.toLowerCase();
  return Object.keys(headers).filter((n) => n.startsWith(p));
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    return { ok: false };
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const cutShown = (s: string) => (s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN)}…` : s);
