import { describe, expect, it } from "vitest";
import { hostAllowed, HOST_PATTERN, normaliseHostName } from "@/lib/environments/allowed-hosts";

describe("an environment's allowed hosts", () => {
  it("lets every host through while the list is empty", () => {
    expect(hostAllowed("http://10.0.0.1/metrics", [])).toBe(true);
  });

  it("matches exact hosts, whatever the case, port or trailing dot", () => {
    const allowed = ["api.example.com", "127.0.0.1"];
    expect(hostAllowed("https://API.example.com.:8443/health", allowed)).toBe(true);
    expect(hostAllowed("http://127.0.0.1:3000/x", allowed)).toBe(true);
    expect(hostAllowed("https://api.example.com.evil.net/", allowed)).toBe(false);
    expect(hostAllowed("https://example.com/", allowed)).toBe(false);
  });

  it("matches *.domain below the domain only", () => {
    const allowed = ["*.example.com"];
    expect(hostAllowed("https://a.b.example.com/", allowed)).toBe(true);
    expect(hostAllowed("https://example.com/", allowed)).toBe(false);
    expect(hostAllowed("https://badexample.com/", allowed)).toBe(false);
  });

  it("refuses what is not a URL", () => {
    expect(hostAllowed("not a url", ["example.com"])).toBe(false);
  });

  it("knows a host pattern from anything else", () => {
    for (const ok of ["api.example.com", "*.example.com", "127.0.0.1", "::1", "localhost"]) expect(HOST_PATTERN.test(normaliseHostName(ok)), ok).toBe(true);
    for (const bad of ["http://x", "a b", "*.*.x", "ex*ample.com", ""]) expect(HOST_PATTERN.test(normaliseHostName(bad)), bad).toBe(false);
  });
});
