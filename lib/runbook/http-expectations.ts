import type { THttpExpect } from "@/lib/schemas/step";

// Reads the expectations people write next to a curl check ("# Expected: 200 OK",
// "# Expected: 301 redirect to HTTPS", "... containing \"hello\"", "< 500ms") into an HTTP expect.

const STATUS =
  /(?<![\d.<>≤≥])\b([1-5]\d\d)\b(?!\s*(?:ms|milliseconds?|s\b|sec|seconds?|%|kb|mb|gb|users?|requests?|rps|items?|rows?|records?|languages?|\+))/gi;
const STATUS_CLASS = /\b([1-5])xx\b/i;
const CONTAINS = /contain(?:s|ing)?\s+["“'`]([^"”'`]+)["”'`]/gi;
const LATENCY = /(?:<|under|below|less than|within|faster than)\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?)\b/i;

export function expectationFromText(text: string): THttpExpect {
  const expect: THttpExpect = {};
  const codes = [...text.matchAll(STATUS)].map((m) => Number(m[1]));
  const statusClass = STATUS_CLASS.exec(text);
  if (codes.length > 0) expect.status = { anyOf: [...new Set(codes)] };
  else if (statusClass) {
    const base = Number(statusClass[1]) * 100;
    expect.status = { min: base, max: base + 99 };
  }
  if (/\bredirect/i.test(text)) {
    if (!expect.status) expect.status = { min: 300, max: 399 };
    expect.headerPresent = ["location"];
    if (/\bto\s+https\b/i.test(text)) expect.headerMatches = [{ name: "location", pattern: "^https://" }];
  }
  const contains = [...text.matchAll(CONTAINS)].map((m) => m[1]).filter((s) => s.trim() !== "");
  if (contains.length > 0) expect.bodyContains = contains;
  const latency = LATENCY.exec(text);
  if (latency) {
    const ms = Number(latency[1]) * (latency[2].toLowerCase().startsWith("m") ? 1 : 1000);
    if (ms >= 1) expect.maxLatencyMs = Math.round(ms);
  }
  return expect;
}

function union<T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  if (!a) return b;
  if (!b) return a;
  return [...a, ...b.filter((x) => !a.some((y) => JSON.stringify(y) === JSON.stringify(x)))];
}

/** Combines two expectations; a status in `b` replaces the one in `a`. */
export function mergeExpect(a: THttpExpect, b: THttpExpect): THttpExpect {
  const out: THttpExpect = { ...a };
  if (b.status) out.status = b.status;
  const lists = ["bodyContains", "jsonPath", "headerPresent", "headerAbsent", "headerMatches"] as const;
  for (const key of lists) {
    const merged = union<unknown>(a[key], b[key]);
    if (merged) (out as Record<string, unknown>)[key] = merged;
  }
  if (b.maxLatencyMs !== undefined) out.maxLatencyMs = b.maxLatencyMs;
  return out;
}
