import { describe, expect, it } from "vitest";
import { expectationFromText, mergeExpect } from "@/lib/runbook/http-expectations";

describe("expectationFromText", () => {
  it.each([
    ["Expected: 200 OK", { status: { anyOf: [200] } }],
    ["Expected: 401 Unauthorized (test user doesn't exist)", { status: { anyOf: [401] } }],
    ["Expected: 200 or 204", { status: { anyOf: [200, 204] } }],
    ["Expected: 2xx", { status: { min: 200, max: 299 } }],
    ["Expected: 301 redirect to HTTPS", { status: { anyOf: [301] }, headerPresent: ["location"], headerMatches: [{ name: "location", pattern: "^https://" }] }],
    ["Expected: a redirect", { status: { min: 300, max: 399 }, headerPresent: ["location"] }],
    ['Expected: 200 OK with stdout containing "hello"', { status: { anyOf: [200] }, bodyContains: ["hello"] }],
    ["Expected: 200 in under 500ms", { status: { anyOf: [200] }, maxLatencyMs: 500 }],
    ["Should respond within 2 seconds", { maxLatencyMs: 2000 }],
  ])("%j", (text, expected) => {
    expect(expectationFromText(text)).toEqual(expected);
  });

  it.each(["Expected: All 8 languages listed", "Expected: PONG", "P95 < 500ms", "Expected: 100% of 250 users", "v1.200.3"])("finds no status in %j", (text) => {
    expect(expectationFromText(text).status).toBeUndefined();
  });
});

describe("mergeExpect", () => {
  it("lets the later status win and unions lists", () => {
    expect(mergeExpect({ status: { min: 200, max: 299 }, headerPresent: ["a"] }, { status: { anyOf: [200] }, headerPresent: ["a", "b"] })).toEqual({
      status: { anyOf: [200] },
      headerPresent: ["a", "b"],
    });
  });
});
