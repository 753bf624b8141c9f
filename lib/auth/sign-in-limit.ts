// Failed sign-ins slow a guesser down without handing anyone a way to lock a user out (in memory, per web process):
// - one address may fail 10 times a minute on one account, then that pair waits: the guesser is stopped, the
//   account's owner (another address) is not;
// - one address may fail 30 times a minute over all accounts (spraying one password across many);
// - an account failing from many addresses (a distributed guess) is slowed, never refused: past 10 failures in
//   15 minutes every attempt on it waits a little longer, up to 2 s.
// The address is the socket's, or a trusted proxy's X-Forwarded-For hop (lib/auth/client-address.ts).
const MINUTE_MS = 60_000;
const PAIR_MAX = 10;
const ADDRESS_MAX = 30;
const ACCOUNT_WINDOW_MS = 15 * MINUTE_MS;
const ACCOUNT_FREE = 10;
const MAX_DELAY_MS = 2_000;
const MAX_KEYS = 100_000;

const failures = new Map<string, number[]>();

function recent(key: string, windowMs: number, now: number): number[] {
  const kept = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
  if (kept.length) failures.set(key, kept);
  else failures.delete(key);
  return kept;
}

const keys = (email: string, address: string) => ({ pair: `pair:${email} ${address}`, address: `address:${address}`, account: `account:${email}` });

export type SignInVerdict = { allowed: true; delayMs: number } | { allowed: false; retryAfterSeconds: number };

/** Whether an attempt on `email` from `address` may go ahead, and after how long a pause. */
export function signInVerdict(email: string, address: string, now = Date.now()): SignInVerdict {
  const k = keys(email, address);
  for (const [key, max] of [
    [k.pair, PAIR_MAX],
    [k.address, ADDRESS_MAX],
  ] as const) {
    const times = recent(key, MINUTE_MS, now);
    if (times.length >= max) return { allowed: false, retryAfterSeconds: Math.ceil((times[times.length - max] + MINUTE_MS - now) / 1000) };
  }
  const over = recent(k.account, ACCOUNT_WINDOW_MS, now).length - ACCOUNT_FREE;
  return { allowed: true, delayMs: over < 0 ? 0 : Math.min(MAX_DELAY_MS, 100 * 2 ** Math.min(over, 5)) };
}

export function recordSignInFailure(email: string, address: string, now = Date.now()): void {
  const k = keys(email, address);
  for (const [key, windowMs] of [
    [k.pair, MINUTE_MS],
    [k.address, MINUTE_MS],
    [k.account, ACCOUNT_WINDOW_MS],
  ] as const) {
    const times = [...recent(key, windowMs, now), now];
    failures.delete(key);
    failures.set(key, times);
  }
  // The least recently failing keys go first: forgetting one only forgives a guesser some past failures.
  while (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
}

/** A right password from an address clears that address's failures on the account (typos before it do not count). */
export function recordSignInSuccess(email: string, address: string): void {
  failures.delete(keys(email, address).pair);
}
