import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback-path";

describe("the sign-in callback path", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeCallbackPath("/releases/0b4f6c1e-1d2e-4f00-8a77-3c1f0e9d2a10")).toBe("/releases/0b4f6c1e-1d2e-4f00-8a77-3c1f0e9d2a10");
    expect(safeCallbackPath("/releases?environment=production#top")).toBe("/releases?environment=production#top");
  });

  it.each([
    null,
    undefined,
    "",
    "releases",
    "//evil.example/x",
    "/\\evil.example",
    "/\\/evil.example",
    "https://evil.example/releases",
    "javascript:alert(1)",
    "/\t/evil.example",
  ])("sends %j to / (never another origin)", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
});
