// Failed sign-ins are limited per account and per address (a sliding minute). In-process memory is enough to
// slow a guesser down on one web process; each process keeps its own window.
const WINDOW_MS = 60_000;
const MAX_FAILURES = 10;
const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const kept = (failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
  if (kept.length) failures.set(key, kept);
  else failures.delete(key);
  return kept;
}

export function signInAllowed(email: string, address: string, now = Date.now()): boolean {
  return recent(`account:${email}`, now).length < MAX_FAILURES && recent(`address:${address}`, now).length < MAX_FAILURES * 3;
}

export function recordSignInFailure(email: string, address: string, now = Date.now()): void {
  for (const key of [`account:${email}`, `address:${address}`]) failures.set(key, [...recent(key, now), now]);
}
