import { describe, expect, it } from "vitest";
import * as liveRoute from "@/app/api/health/live/route";
import { callRoute } from "@/test/call-route";

describe("GET /api/health/live", () => {
  it("answers 200 ok, uncached, without a caller (a load balancer's liveness probe)", async () => {
    const res = await callRoute(liveRoute.GET, "/api/health/live", {});
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ status: "ok" });
  });
});
