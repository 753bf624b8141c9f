// Runs one job: finds its kind in the registry, checks the payload again and calls the handler. A job this
// build cannot run will never succeed by trying again, so it fails for good (UnrecoverableError: no retry).
import { UnrecoverableError, type Job } from "@/lib/queue/backend";
import { z } from "zod";
import { findJobKind } from "@/lib/queue/registry";

export async function processJob(job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> {
  const kind = findJobKind(job.name);
  if (!kind) {
    console.error(`[worker] job ${job.id}: unknown job kind "${job.name}"; failing it without retry`);
    throw new UnrecoverableError(`unknown job kind "${job.name}"`);
  }
  const parsed = kind.schema.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`invalid payload for ${job.name}: ${z.prettifyError(parsed.error)}`);
  }
  return kind.handle(parsed.data, {
    jobId: job.id!,
    attempt: job.attemptsMade + 1,
    maxAttempts: job.opts.attempts ?? 1,
    signal,
    log: (message) => console.log(`[worker] ${job.name} ${job.id}: ${message}`),
  });
}
