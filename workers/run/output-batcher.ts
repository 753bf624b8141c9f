// Output lines are stored in small batches: one statement takes a block of the release's sequence numbers,
// inserts the lines and signals the web processes once. Lines are masked before they are queued here.
import { sql } from "@/lib/db";
import type { OutputStream } from "@/lib/generated/prisma/enums";
import { RELEASE_CHANNEL } from "@/lib/stream/signal-release";

type Pending = { stream: OutputStream; line: string };

const FLUSH_MS = 50;
const MAX_BATCH = 500;

export class OutputBatcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private failure: Error | null = null;
  private reported: Error | null = null;

  constructor(
    private readonly releaseId: string,
    private readonly runId: string,
    private stepId: string,
  ) {}

  forStep(stepId: string) {
    this.stepId = stepId;
  }

  /** Lines pushed from now on are stored only once `stored` has settled (a step's start, written concurrently). */
  after(stored: Promise<unknown>) {
    this.flushing = this.flushing.then(() =>
      stored.then(
        () => undefined,
        () => undefined,
      ),
    );
  }

  push(stream: OutputStream, line: string) {
    this.pending.push({ stream, line });
    if (this.pending.length >= MAX_BATCH) this.flushInBackground();
    else this.timer ??= setTimeout(() => this.flushInBackground(), FLUSH_MS);
  }

  /**
   * A flush nobody awaits must not reject: with the database away, that unhandled rejection killed the whole
   * worker process (fault drill). The failure is kept and the step's own awaited flush() rethrows it.
   */
  private flushInBackground() {
    this.flush().catch((err: Error) => {
      if (this.reported !== err) console.error(`[run ${this.runId}] storing output failed (the step will fail):`, err.message);
      this.reported = err;
    });
  }

  /**
   * Hands over the lines not stored yet, for the caller to store with the step's end (finishStep), once earlier
   * batches are stored; rethrows a write failure as flush() does. `restore` puts them back if that store fails.
   */
  async drain(): Promise<Pending[]> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    if (this.failure) throw this.failure;
    const batch = this.pending;
    this.pending = [];
    return batch;
  }

  restore(lines: Pending[]) {
    this.pending.unshift(...lines);
  }

  /** Writes everything pushed so far; rethrows a write failure so the step is not reported as done. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    const stepId = this.stepId;
    this.flushing = this.flushing.then(async () => {
      if (batch.length) await this.write(batch, stepId).catch((err: Error) => void (this.failure ??= err));
    });
    await this.flushing;
    if (this.failure) throw this.failure;
  }

  /**
   * One autocommit statement: bump the release's sequence by the batch size (its row lock is held only while the
   * statement runs and commits, never across a round trip), insert the lines numbered from the old value, and
   * NOTIFY (delivered at commit). One INSERT of two arrays: createMany through the adapter spent ~200 ms per 500
   * lines building and binding 3,500 parameters; unnest takes the same rows in a few milliseconds.
   */
  private async write(batch: Pending[], stepId: string) {
    await sql`
      WITH head AS (
        UPDATE "Release" SET "lastSeq" = "lastSeq" + ${batch.length}::int WHERE id = ${this.releaseId}::uuid RETURNING "lastSeq"
      ), lines AS (
        INSERT INTO "OutputLine" ("releaseId", "seq", "runId", "stepId", "stream", "line", "at")
        SELECT ${this.releaseId}::uuid, head."lastSeq" - ${batch.length}::int + t.n::int, ${this.runId}::uuid, ${stepId}::uuid, t.stream::"OutputStream", t.line, ${new Date()}::timestamptz
        FROM head, unnest(${batch.map((p) => p.stream)}::text[], ${batch.map((p) => p.line)}::text[]) WITH ORDINALITY AS t(stream, line, n)
      )
      SELECT pg_notify(${RELEASE_CHANNEL}, ${this.releaseId})::text AS signalled FROM head`;
  }
}
