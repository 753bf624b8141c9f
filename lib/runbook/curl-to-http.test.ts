import { describe, expect, it } from "vitest";
import { curlToHttp, type CurlContext } from "@/lib/runbook/curl-to-http";

const ctx = (over: Partial<CurlContext> = {}): CurlContext => ({ description: null, expectations: [], heading: null, ...over });

describe("curlToHttp", () => {
  it("makes a GET with a status from an Expected comment", () => {
    const out = curlToHttp("curl -v https://api.example.com/health", ctx({ expectations: ["Expected: 200 OK"] }));
    expect(out).toEqual({
      command: "curl -v https://api.example.com/health",
      request: { method: "GET", url: "https://api.example.com/health", headers: {}, followRedirects: false },
      expect: { status: { anyOf: [200] } },
    });
  });

  it("reads method, headers and body of a POST", () => {
    const cmd = `curl -X POST https://x/execute \\\n  -H "Content-Type: application/json" \\\n  -d '{"language": "python", "code": "print(\\"hello\\")"}'`;
    const out = curlToHttp(cmd, ctx({ expectations: ['Expected: 200 OK with stdout containing "hello"'] }));
    expect(out?.request).toEqual({
      method: "POST",
      url: "https://x/execute",
      headers: { "Content-Type": "application/json" },
      body: '{"language": "python", "code": "print(\\"hello\\")"}',
      followRedirects: false,
    });
    expect(out?.expect).toEqual({ status: { anyOf: [200] }, bodyContains: ["hello"] });
  });

  it("-d implies POST with curl's form content type", () => {
    const out = curlToHttp("curl -d a=1 -d b=2 https://x/form", ctx());
    expect(out?.request).toMatchObject({ method: "POST", body: "a=1&b=2", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  });

  it("--json sets JSON headers", () => {
    const out = curlToHttp(`curl --json '{"a":1}' https://x`, ctx());
    expect(out?.request.headers).toEqual({ "Content-Type": "application/json", Accept: "application/json" });
    expect(out?.request.method).toBe("POST");
  });

  it("-I is a HEAD request; 301 redirect to HTTPS expects a Location", () => {
    const out = curlToHttp("curl -I http://api.x/health", ctx({ expectations: ["Expected: 301 redirect to HTTPS"] }));
    expect(out?.request.method).toBe("HEAD");
    expect(out?.expect).toEqual({
      status: { anyOf: [301] },
      headerPresent: ["location"],
      headerMatches: [{ name: "location", pattern: "^https://" }],
    });
  });

  it("a header grep after curl -I expects the header", () => {
    const out = curlToHttp('curl -I https://x/health | grep -i "strict-transport"', ctx({ description: "HSTS header" }));
    expect(out?.expect).toEqual({ headerPresent: ["strict-transport"] });
  });

  it("a header grep under a 'no sensitive headers' comment expects them absent", () => {
    const out = curlToHttp('curl -I https://x/health | grep -i "server\\|x-powered"', ctx({ description: "No sensitive headers leaked" }));
    expect(out?.expect).toEqual({ headerAbsent: ["server", "x-powered"] });
  });

  it("takes the absent hint from the heading too", () => {
    const out = curlToHttp("curl -sI https://x | grep -iE 'server|via'", ctx({ heading: "No sensitive headers" }));
    expect(out?.expect).toEqual({ headerAbsent: ["server", "via"] });
  });

  it("a fixed-string body grep becomes bodyContains", () => {
    expect(curlToHttp('curl -s https://x | grep -q "ok"', ctx())?.expect).toEqual({ bodyContains: ["ok"] });
  });

  it("curl -f expects 2xx; -L follows redirects; -m, --retry set limits", () => {
    const out = curlToHttp("curl -fsSL -m 10 --retry 3 --retry-delay 5 http://localhost:5000/health", ctx());
    expect(out).toMatchObject({
      request: { method: "GET", followRedirects: true },
      expect: { status: { min: 200, max: 299 } },
      timeoutSec: 10,
      retries: 3,
      retryIntervalSec: 5,
    });
  });

  it("an Expected comment overrides -f's 2xx", () => {
    expect(curlToHttp("curl -f https://x/login", ctx({ expectations: ["Expected: 401"] }))?.expect.status).toEqual({ anyOf: [401] });
  });

  it("accepts time, --request=, long flags and /dev/null redirections", () => {
    const out = curlToHttp("time curl --request=DELETE --header 'X-A: 1' --silent https://x/1 > /dev/null 2>&1", ctx());
    expect(out?.request).toMatchObject({ method: "DELETE", headers: { "X-A": "1" } });
  });

  it("reads `| jq -e '.path == value'` as a JSON expectation", () => {
    expect(curlToHttp(`curl -s https://api.x/health | jq -e '.status == "ok"'`, ctx())?.expect).toEqual({ jsonPath: [{ path: ".status", equals: "ok" }] });
    expect(curlToHttp("curl -sf https://api.x/health | jq -e '.checks[0].healthy == true'", ctx())?.expect).toEqual({
      status: { min: 200, max: 299 },
      jsonPath: [{ path: ".checks[0].healthy", equals: true }],
    });
    expect(curlToHttp("curl -s https://api.x/v | jq '.replicas == 3'", ctx())?.expect).toEqual({ jsonPath: [{ path: ".replicas", equals: 3 }] });
  });

  it("keeps ${NAME} references in the URL and headers for the worker to resolve", () => {
    const http = curlToHttp('curl -H "Authorization: Bearer ${API_TOKEN}" "https://x/v1?token=${HOOK_TOKEN}"', ctx());
    expect(http?.request).toMatchObject({ url: "https://x/v1?token=${HOOK_TOKEN}", headers: { Authorization: "Bearer ${API_TOKEN}" } });
  });

  it("adds a scheme to a bare host", () => {
    expect(curlToHttp("curl localhost:3000/", ctx())?.request.url).toBe("http://localhost:3000/");
  });

  it.each([
    ["a shell variable", 'curl "$API/health"'],
    ["a URL that is a reference", "curl ${API_URL}/health"],
    ["a reference in a grep pattern", 'curl https://x/ | grep "${EXPECTED}"'],
    ["a command substitution", "curl https://x/$(date +%s)"],
    ["a regex body grep", 'curl https://x/ | grep -E "<link|<script"'],
    ["a case-insensitive body grep", "curl https://x/ | grep -i ok"],
    ["another pipe", "curl https://x | jq ."],
    ["a jq filter that is not a comparison", "curl https://x | jq -e '.items | length > 0'"],
    ["a chain", "curl https://x && echo ok"],
    ["an output file", "curl -o out.html https://x"],
    ["a data file", "curl -d @body.json https://x"],
    ["auth flags", "curl -u user:pass https://x"],
    ["insecure TLS", "curl -k https://x"],
    ["two URLs", "curl https://a https://b"],
    ["no URL", "curl -s"],
    ["a non-HTTP URL", "curl ftp://x/file"],
    ["an unknown method", "curl -X BREW https://x"],
    ["not curl", "wget https://x"],
    ["a watch loop", `watch -n 5 'curl -w "%{time_total}" https://x'`],
  ])("returns null for %s", (_name, cmd) => {
    expect(curlToHttp(cmd, ctx())).toBeNull();
  });
});
