import { describe, expect, it } from "vitest";
import { recordSignInFailure, signInAllowed } from "@/lib/auth/sign-in-limit";

// Each test uses its own account and address: the limiter's memory is per process.
const t0 = 1_900_000_000_000;

describe("sign-in rate limit", () => {
  it("allows 10 failures per account within a minute, then refuses until the window slides past", () => {
    const email = "limit-a@test.local";
    for (let i = 0; i < 10; i++) {
      expect(signInAllowed(email, "10.0.0.1", t0 + i)).toBe(true);
      recordSignInFailure(email, `10.0.0.${i + 1}`, t0 + i);
    }
    expect(signInAllowed(email, "10.0.0.99", t0 + 1_000)).toBe(false);
    expect(signInAllowed("someone-else@test.local", "10.0.0.99", t0 + 1_000)).toBe(true);
    expect(signInAllowed(email, "10.0.0.99", t0 + 59_999)).toBe(false);
    expect(signInAllowed(email, "10.0.0.99", t0 + 60_010)).toBe(true);
  });

  it("limits one address trying many accounts to 30 failures a minute", () => {
    const address = "192.0.2.7";
    for (let i = 0; i < 30; i++) recordSignInFailure(`spray-${i}@test.local`, address, t0 + i);
    expect(signInAllowed("fresh@test.local", address, t0 + 100)).toBe(false);
    expect(signInAllowed("fresh@test.local", "192.0.2.8", t0 + 100)).toBe(true);
    expect(signInAllowed("fresh@test.local", address, t0 + 60_030)).toBe(true);
  });
});
