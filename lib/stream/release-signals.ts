import "server-only";
import pg from "pg";
import { RELEASE_CHANNEL } from "@/lib/stream/signal-release";
import { config } from "@/lib/config";

type Waiter = () => void;

/** NOTIFYed by triggers on "User" and "ApiToken" (migration 20261127131800_auth_change_notify). */
export const AUTH_CHANNEL = "countdown_auth";

/**
 * One LISTEN connection per web process, shared by all its stream clients. Losing it loses nothing: every
 * waiter also wakes on its timeout and re-reads the rows; we reconnect in the background. The same connection
 * hears changes to users and tokens, for the caller cache (lib/auth/caller-cache.ts).
 */
class ReleaseSignals {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly waiters = new Map<string, Set<Waiter>>();
  private readonly signalled = new Map<string, number>();
  private readonly subscribers = new Set<(releaseId: string) => void>();
  private readonly authSubscribers = new Set<() => void>();
  private epoch = 0;

  /** Calls `fn` with the release id of every signal this process receives (the release read cache forgets it). */
  subscribe(fn: (releaseId: string) => void): void {
    this.subscribers.add(fn);
  }

  /** Calls `fn` whenever a user or an API token changed (listeningEpoch covers this channel too). */
  subscribeAuth(fn: () => void): void {
    this.authSubscribers.add(fn);
  }

  /**
   * A number that stays the same while one LISTEN connection is up, or null while none is: a copy made under an
   * epoch has missed no signal as long as the epoch is unchanged. Starts listening if nobody has yet.
   */
  listeningEpoch(): number | null {
    void this.listen();
    return this.client ? this.epoch : null;
  }

  /** How many signals this process has received for the release: a read started at or after a count saw them. */
  generation(releaseId: string): number {
    return this.signalled.get(releaseId) ?? 0;
  }

  /** Resolves on a signal for the release, after `timeoutMs`, or when `abort` fires. */
  wait(releaseId: string, timeoutMs: number, abort: AbortSignal): Promise<void> {
    void this.listen();
    return new Promise((resolve) => {
      const set = this.waiters.get(releaseId) ?? new Set<Waiter>();
      this.waiters.set(releaseId, set);
      const done = () => {
        clearTimeout(timer);
        abort.removeEventListener("abort", done);
        set.delete(done);
        if (set.size === 0 && this.waiters.get(releaseId) === set) this.waiters.delete(releaseId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      abort.addEventListener("abort", done, { once: true });
      set.add(done);
    });
  }

  private wake(releaseId: string) {
    // Only releases someone streams are counted; a count never goes back (readers compare against it).
    if (this.waiters.has(releaseId)) this.signalled.set(releaseId, this.generation(releaseId) + 1);
    for (const waiter of [...(this.waiters.get(releaseId) ?? [])]) waiter();
    for (const fn of this.subscribers) fn(releaseId);
  }

  private listen(): Promise<void> {
    if (this.client || this.connecting) return this.connecting ?? Promise.resolve();
    this.connecting = (async () => {
      const client = new pg.Client({ connectionString: config().DATABASE_URL, keepAlive: true });
      client.on("notification", (msg) => {
        if (msg.channel === AUTH_CHANNEL) for (const fn of this.authSubscribers) fn();
        else if (msg.payload) this.wake(msg.payload);
      });
      client.on("error", (err) => {
        console.error("[stream] LISTEN connection lost:", err.message);
        this.drop(client);
      });
      client.on("end", () => this.drop(client));
      try {
        await client.connect();
        await client.query(`LISTEN ${RELEASE_CHANNEL}; LISTEN ${AUTH_CHANNEL}`);
        this.epoch++;
        this.client = client;
      } catch (err) {
        console.error("[stream] could not LISTEN (streams fall back to polling):", (err as Error).message);
        client.end().catch((e: Error) => console.error("[stream] closing the failed LISTEN connection:", e.message));
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private drop(client: pg.Client) {
    if (this.client === client) this.client = null;
  }
}

const globalForSignals = globalThis as unknown as { countdownReleaseSignals?: ReleaseSignals };

export function releaseSignals(): ReleaseSignals {
  globalForSignals.countdownReleaseSignals ??= new ReleaseSignals();
  return globalForSignals.countdownReleaseSignals;
}
