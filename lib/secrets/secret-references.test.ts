import { describe, expect, it } from "vitest";
import { resolveRequestReferences } from "@/lib/secrets/secret-references";

const request = {
  method: "GET" as const,
  url: "https://api.example.com/health?token=${HOOK_TOKEN}",
  headers: { Authorization: "Bearer ${API_TOKEN}", Accept: "application/json" },
};

describe("resolveRequestReferences", () => {
  it("fills ${NAME} in the URL, header values and body from the run's environment", () => {
    const { request: resolved, missing } = resolveRequestReferences({ ...request, method: "POST", body: '{"key":"${API_TOKEN}"}' } as never, {
      API_TOKEN: "t0k",
      HOOK_TOKEN: "h00k&x=#1",
    });
    expect(missing).toEqual([]);
    expect(resolved).toMatchObject({
      url: "https://api.example.com/health?token=h00k%26x%3D%231",
      headers: { Authorization: "Bearer t0k", Accept: "application/json" },
      body: '{"key":"t0k"}',
    });
  });

  it("names what is missing and leaves it unresolved", () => {
    const { request: resolved, missing } = resolveRequestReferences(request, { HOOK_TOKEN: "h" });
    expect(missing).toEqual(["API_TOKEN"]);
    expect(resolved.headers.Authorization).toBe("Bearer ${API_TOKEN}");
  });

  it("turns a URL's user-info into Basic auth, as curl -u would send it", () => {
    const { request: resolved } = resolveRequestReferences(
      { method: "GET", url: "https://deploy:${DEPLOY_PASSWORD}@ci.example.com/job", headers: {} },
      { DEPLOY_PASSWORD: "p:w@d/#" },
    );
    expect(resolved.url).toBe("https://ci.example.com/job");
    expect(resolved.headers.Authorization).toBe(`Basic ${Buffer.from("deploy:p:w@d/#").toString("base64")}`);
  });
});
