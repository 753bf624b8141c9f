import { describe, expect, it } from "vitest";
import { recordSignInFailure, recordSignInSuccess, signInVerdict } from "@/lib/auth/sign-in-limit";

// Each test uses its own accounts and addresses: the limiter's memory is per process.
const t0 = 1_900_000_000_000;
const allowed = (email: string, address: string, now: number) => signInVerdict(email, address, now).allowed;

describe("sign-in rate limit", () => {
  it("stops one address after 10 failures a minute on one account, until the window slides past", () => {
    const email = "limit-a@test.local";
    for (let i = 0; i < 10; i++) {
      expect(allowed(email, "10.0.0.1", t0 + i)).toBe(true);
      recordSignInFailure(email, "10.0.0.1", t0 + i);
    }
    expect(signInVerdict(email, "10.0.0.1", t0 + 1_000)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect(allowed(email, "10.0.0.1", t0 + 59_999)).toBe(false);
    expect(allowed(email, "10.0.0.1", t0 + 60_010)).toBe(true);
  });

  it("never lets a stranger lock an account out: the owner's address still signs in, only slowed down", () => {
    const email = "victim@test.local";
    // A stranger fails 10 times from one address, then from 20 more addresses.
    for (let i = 0; i < 10; i++) recordSignInFailure(email, "198.51.100.66", t0 + i);
    for (let i = 0; i < 20; i++) recordSignInFailure(email, `203.0.113.${i}`, t0 + 100 + i);
    expect(allowed(email, "198.51.100.66", t0 + 1_000)).toBe(false);
    const owner = signInVerdict(email, "192.0.2.10", t0 + 1_000);
    expect(owner.allowed).toBe(true);
    // 30 failures on the account in 15 minutes: attempts on it wait, at most 2 s.
    expect(owner.allowed && owner.delayMs).toBe(2_000);
    expect(signInVerdict("someone-else@test.local", "192.0.2.10", t0 + 1_000)).toEqual({ allowed: true, delayMs: 0 });
  });

  it("slows an account down gradually after 10 failures in 15 minutes", () => {
    const email = "slow@test.local";
    const delay = (now: number) => {
      const v = signInVerdict(email, "192.0.2.99", now);
      return v.allowed ? v.delayMs : -1;
    };
    for (let i = 0; i < 10; i++) recordSignInFailure(email, `198.18.0.${i}`, t0 + i);
    expect(delay(t0 + 100)).toBe(100);
    recordSignInFailure(email, "198.18.1.1", t0 + 200);
    expect(delay(t0 + 300)).toBe(200);
    expect(delay(t0 + 15 * 60_000 + 300)).toBe(0);
  });

  it("limits one address trying many accounts to 30 failures a minute", () => {
    const address = "192.0.2.7";
    for (let i = 0; i < 30; i++) recordSignInFailure(`spray-${i}@test.local`, address, t0 + i);
    expect(allowed("fresh@test.local", address, t0 + 100)).toBe(false);
    expect(allowed("fresh@test.local", "192.0.2.8", t0 + 100)).toBe(true);
    expect(allowed("fresh@test.local", address, t0 + 60_030)).toBe(true);
  });

  it("a right password clears the address's failures on that account", () => {
    const email = "typo@test.local";
    for (let i = 0; i < 10; i++) recordSignInFailure(email, "10.9.9.9", t0 + i);
    expect(allowed(email, "10.9.9.9", t0 + 100)).toBe(false);
    recordSignInSuccess(email, "10.9.9.9");
    expect(allowed(email, "10.9.9.9", t0 + 200)).toBe(true);
  });
});
