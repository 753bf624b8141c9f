import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "@/proxy";

// The share-link proxy answers links that open nothing with a real status, malformed ones included.
const visit = (path: string) => proxy(new NextRequest(`http://countdown.test${path}`));

describe("share-link proxy", () => {
  it.each(["/t/%E0", "/t/%", "/t/%zz", "/t/abc%C3%28"])("%s is an unknown link: 404, not a 500", async (path) => {
    const res = await visit(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("does not exist");
  });

  it("an unknown well-formed token is 404 too", async () => {
    expect((await visit("/t/no-such-token")).status).toBe(404);
  });

  it("passes a page the URL it was asked for, for the sign-in callback (a header sent by the client is replaced)", async () => {
    const req = new NextRequest("http://countdown.test/releases/abc?tab=runs", { headers: { "x-countdown-path": "//evil.example" } });
    const res = await proxy(req);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-middleware-request-x-countdown-path")).toBe("/releases/abc?tab=runs");
  });
});
