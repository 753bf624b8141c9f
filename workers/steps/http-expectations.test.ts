import { describe, expect, it } from "vitest";
import { evaluateHttpExpectations, parseJsonPath, type HttpResponseFacts } from "@/workers/steps/http-expectations";
import type { THttpExpect } from "@/lib/schemas/step";
import { createMasker, MASK } from "@/lib/secrets/mask-secrets";

const body = JSON.stringify({ status: "ok", version: "1.2.3", count: 200, checks: [{ name: "db", ok: true }], "odd key": { a: [1, 2] } });
const response = (over: Partial<HttpResponseFacts> = {}): HttpResponseFacts => ({
  status: 200,
  headers: { "Strict-Transport-Security": "max-age=63072000", "content-type": "application/json", location: "https://x/login" },
  body,
  latencyMs: 40,
  ...over,
});
const evaluate = (expect: THttpExpect, over: Partial<HttpResponseFacts> = {}) => evaluateHttpExpectations(expect, response(over));
const check = (expect: THttpExpect, over: Partial<HttpResponseFacts> = {}) => evaluate(expect, over).checks.at(-1)!;

describe("status", () => {
  it.each([
    [200, true],
    [302, true],
    [399, true],
    [404, false],
    [500, false],
  ])("without an expectation %i passes: %s (2xx and 3xx)", (status, ok) => {
    expect(evaluate({}, { status })).toMatchObject({ ok, checks: [{ name: "status", expected: "200..399", got: String(status), ok }] });
  });

  it("an exact list", () => {
    expect(evaluate({ status: { anyOf: [200, 204] } }, { status: 204 }).checks[0]).toEqual({ name: "status", expected: "200 or 204", got: "204", ok: true });
    expect(evaluate({ status: { anyOf: [200] } }, { status: 301 }).ok).toBe(false);
  });

  it("a range, open or closed", () => {
    expect(evaluate({ status: { min: 300, max: 399 } }, { status: 301 }).ok).toBe(true);
    expect(evaluate({ status: { min: 300, max: 399 } }, { status: 200 }).checks[0]).toMatchObject({ expected: "300..399", ok: false });
    expect(evaluate({ status: { min: 500 } }, { status: 503 }).checks[0]).toMatchObject({ expected: ">= 500", ok: true });
    expect(evaluate({ status: { max: 299 } }, { status: 404 }).checks[0]).toMatchObject({ expected: "<= 299", ok: false });
  });

  it("a list and a range must both hold", () => {
    expect(evaluate({ status: { anyOf: [200, 404], max: 299 } }, { status: 404 }).checks[0]).toMatchObject({ expected: "200 or 404 and <= 299", ok: false });
  });
});

describe("body", () => {
  it("contains", () => {
    expect(check({ bodyContains: ['"status":"ok"'] })).toEqual({ name: "body", expected: 'contains "\\"status\\":\\"ok\\""', got: "found", ok: true });
    expect(check({ bodyContains: ["healthy"] })).toMatchObject({ ok: false, got: `not found in ${body.length} characters` });
  });

  it("every listed text must be there", () => {
    expect(evaluate({ bodyContains: ["ok", "missing"] }).ok).toBe(false);
  });
});

describe("json path", () => {
  it.each([
    ["status", "ok"],
    [".status", "ok"],
    ["$.version", "1.2.3"],
    ["checks[0].name", "db"],
    ["$.checks[0].ok", true],
    ['["odd key"].a[1]', 2],
    ["count", 200],
    ["checks", [{ name: "db", ok: true }]],
  ])("%s equals %j", (path, equals) => {
    expect(check({ jsonPath: [{ path, equals }] })).toMatchObject({ ok: true });
  });

  it("compares strictly and says what it found", () => {
    expect(check({ jsonPath: [{ path: "count", equals: "200" }] })).toEqual({ name: "json count", expected: '"200"', got: "200", ok: false });
    expect(check({ jsonPath: [{ path: "checks[0]", equals: { name: "db" } }] })).toMatchObject({ ok: false, got: '{"name":"db","ok":true}' });
  });

  it("a missing path, an index past the end, a non-JSON body and a bad path fail", () => {
    expect(check({ jsonPath: [{ path: "nope.deeper", equals: 1 }] })).toMatchObject({ ok: false, got: "missing" });
    expect(check({ jsonPath: [{ path: "checks[5]", equals: 1 }] })).toMatchObject({ ok: false, got: "missing" });
    expect(check({ jsonPath: [{ path: "status.length", equals: 2 }] })).toMatchObject({ ok: false, got: "missing" });
    expect(check({ jsonPath: [{ path: "status", equals: "ok" }] }, { body: "<html>" })).toMatchObject({ ok: false, got: "body is not JSON" });
    expect(check({ jsonPath: [{ path: "checks[x]", equals: 1 }] })).toMatchObject({ ok: false, got: 'invalid path "checks[x]"' });
  });

  it("parses the path subset", () => {
    expect(parseJsonPath("$.a.b[2].c")).toEqual(["a", "b", 2, "c"]);
    expect(parseJsonPath('.a["x.y"]')).toEqual(["a", "x.y"]);
    expect(parseJsonPath("x-version")).toEqual(["x-version"]);
    expect(parseJsonPath("a..b")).toBeNull();
  });
});

describe("headers", () => {
  it("present: case-insensitive prefix of the name", () => {
    expect(check({ headerPresent: ["strict-transport"] })).toEqual({
      name: "header strict-transport",
      expected: "present",
      got: "present (strict-transport-security)",
      ok: true,
    });
    expect(check({ headerPresent: ["STRICT-TRANSPORT-SECURITY"] }).ok).toBe(true);
    expect(check({ headerPresent: ["x-frame-options"] })).toMatchObject({ ok: false, got: "absent" });
    // A prefix, not a substring: "transport" does not match "strict-transport-security".
    expect(check({ headerPresent: ["transport"] }).ok).toBe(false);
  });

  it("absent: fails naming what was there", () => {
    expect(check({ headerAbsent: ["x-powered"] }).ok).toBe(true);
    expect(check({ headerAbsent: ["x-powered"] }, { headers: { "X-Powered-By": "Express" } })).toMatchObject({ ok: false, got: "present (x-powered-by)" });
  });

  it("matches: a case-insensitive regex on the value", () => {
    expect(check({ headerMatches: [{ name: "Location", pattern: "^HTTPS://" }] })).toEqual({
      name: "header Location",
      expected: "matches /^HTTPS:///i",
      got: "https://x/login",
      ok: true,
    });
    expect(check({ headerMatches: [{ name: "content-type", pattern: "text/html" }] })).toMatchObject({ ok: false, got: "application/json" });
    expect(check({ headerMatches: [{ name: "x-version", pattern: "." }] })).toMatchObject({ ok: false, got: "absent" });
  });

  it("an invalid pattern is a failed check, not a crash", () => {
    expect(check({ headerMatches: [{ name: "location", pattern: "([a-" }] })).toMatchObject({ ok: false, got: "invalid pattern" });
  });
});

describe("latency", () => {
  it("passes up to and including the maximum", () => {
    expect(check({ maxLatencyMs: 40 })).toEqual({ name: "latency", expected: "<= 40 ms", got: "40 ms", ok: true });
    expect(check({ maxLatencyMs: 39 }).ok).toBe(false);
  });
});

it("passes only when every check passes, listing all of them", () => {
  const result = evaluate({ status: { anyOf: [200] }, bodyContains: ["ok"], headerAbsent: ["server"], maxLatencyMs: 10 });
  expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
    ["status", true],
    ["body", true],
    ["header server", true],
    ["latency", false],
  ]);
  expect(result.ok).toBe(false);
});

describe("secrets in quoted values", () => {
  const secret = 'tok"en\\with-quotes-0123456789';
  const mask = createMasker([secret]);

  it("masks a value before cutting it at 200 characters, and before JSON-escaping it", () => {
    const value = `${"x".repeat(190)}${secret}`; // the cut at 200 would fall inside the secret
    const res = response({ body: JSON.stringify({ data: value }), headers: { "x-debug": value } });
    const { checks } = evaluateHttpExpectations(
      { jsonPath: [{ path: "data", equals: "other" }], headerMatches: [{ name: "x-debug", pattern: "^nope$" }] },
      res,
      mask,
    );
    for (const c of checks.slice(1)) {
      expect(c.got).toContain(MASK);
      expect(c.got).not.toContain(secret.slice(0, 5));
      expect(c.got).not.toContain(JSON.stringify(secret).slice(1, 6));
    }
  });
});
