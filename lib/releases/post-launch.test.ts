import { describe, expect, it } from "vitest";
import { waitsForDeploy } from "@/lib/releases/post-launch";

describe("waitsForDeploy", () => {
  it("holds items due after T-0 until the deploy started", () => {
    expect(waitsForDeploy("scheduled", 30)).toBe(true);
    expect(waitsForDeploy("ready", 1)).toBe(true);
    expect(waitsForDeploy("deploying", 30)).toBe(false);
    expect(waitsForDeploy("verifying", 30)).toBe(false);
  });

  it("never holds items due before or at T-0, or without a time", () => {
    expect(waitsForDeploy("scheduled", 0)).toBe(false);
    expect(waitsForDeploy("scheduled", -60)).toBe(false);
    expect(waitsForDeploy("scheduled", null)).toBe(false);
  });
});
