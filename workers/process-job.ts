// Runs one job: finds its handler in the registry, checks the payload again and calls the handler. A job this
// build cannot run will never succeed by trying again, so it fails for good (UnrecoverableError: no retry).
import { UnrecoverableError, type Job } from "@/lib/queue/backend";
import { z } from "zod";
import { isJobName, jobSchemas, type JobContext } from "@/lib/queue/jobs";
import { jobHandlers } from "@/workers/registry";

export async function processJob(job: Job, _token?: string, signal?: AbortSignal): Promise<unknown> {
  if (!isJobName(job.name)) {
    console.error(`[worker] job ${job.id}: unknown job kind "${job.name}"; failing it without retry`);
    throw new UnrecoverableError(`unknown job kind "${job.name}"`);
  }
  const parsed = jobSchemas[job.name].safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`invalid payload for ${job.name}: ${z.prettifyError(parsed.error)}`);
  }
  const ctx: JobContext = {
    jobId: job.id!,
    attempt: job.attemptsMade + 1,
    maxAttempts: job.opts.attempts ?? 1,
    signal,
    log: (message) => console.log(`[worker] ${job.name} ${job.id}: ${message}`),
  };
  // The name and the payload were checked together above; TypeScript cannot follow that across the lookup.
  const handle = jobHandlers[job.name] as (payload: unknown, ctx: JobContext) => Promise<unknown>;
  return handle(parsed.data, ctx);
}
