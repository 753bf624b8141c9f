import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { assertSameOrigin } from "@/lib/auth/authenticate";
import type { Caller } from "@/lib/auth/roles";

// A cookie-authenticated mutation must come from Countdown's own pages. An origin that is no origin ("null" from a
// sandboxed frame, garbage) is refused with 403 like a cross-site one, never a 500 from `new URL("null")`.
const cookieCaller: Caller = { id: "u1", email: "m@example.com", name: "M", role: "manager", groups: [], via: "session" };

function post(headers: Record<string, string>) {
  return new NextRequest("http://countdown.test/api/releases", { method: "POST", headers: { host: "countdown.test", ...headers } });
}

function refusal(headers: Record<string, string>, caller = cookieCaller) {
  try {
    assertSameOrigin(post(headers), caller);
    return null;
  } catch (err) {
    return err;
  }
}

describe("assertSameOrigin", () => {
  it.each(["null", "not a url", "://", "http://", "file:///etc/passwd", "data:text/html,x", "countdown.test", "http://[::1"])(
    "refuses Origin %j with 403",
    (origin) => {
      expect(refusal({ origin })).toMatchObject({ name: "AppError", code: "FORBIDDEN", status: 403 });
    },
  );

  it("refuses another site and a missing origin, accepts our own", () => {
    expect(refusal({ origin: "https://evil.test" })).toMatchObject({ code: "FORBIDDEN" });
    expect(refusal({})).toMatchObject({ code: "FORBIDDEN" });
    expect(refusal({ origin: "http://countdown.test" })).toBeNull();
    expect(refusal({ "sec-fetch-site": "same-origin", origin: "null" })).toBeNull();
  });

  it("leaves token callers alone (no cookie, no CSRF)", () => {
    expect(refusal({ origin: "null" }, { ...cookieCaller, via: "token" })).toBeNull();
  });
});
