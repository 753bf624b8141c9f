// The one polling helper of the tests: waits until `check` gives a truthy value and returns it, or fails naming
// what it waited for. (Playwright specs use expect.poll instead.)
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * For a check that throws while what it asks about is still coming up (a server starting, a database restarting):
 * a throw counts as "not yet". `waitFor("the API to answer", orNotYet(() => fetch(url).then((r) => r.ok)))`.
 */
export function orNotYet<T>(check: () => T | Promise<T>): () => Promise<T | undefined> {
  return async () => {
    try {
      return await check();
    } catch {
      return undefined;
    }
  };
}
