import { describe, expect, it } from "vitest";
import { tokenLifetimeDays } from "./token-lifetime";

const now = new Date("2026-12-04T12:00:00Z");

describe("npm run token -- --expires", () => {
  it("takes days or a date, 1 to 365 days", () => {
    expect(tokenLifetimeDays("30d", now)).toBe(30);
    expect(tokenLifetimeDays("7", now)).toBe(7);
    expect(tokenLifetimeDays("2027-01-03", now)).toBe(30);
    expect(tokenLifetimeDays("366d", now)).toMatch(/1 to 365/);
    expect(tokenLifetimeDays("0", now)).toMatch(/1 to 365/);
    expect(tokenLifetimeDays("2026-12-01", now)).toMatch(/1 to 365/);
    expect(tokenLifetimeDays("next week", now)).toMatch(/neither/);
  });
});
