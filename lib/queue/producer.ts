// Adds jobs to the queue. The payload is parsed here so a bad one is refused at the door (a ZodError, which
// the route wrapper turns into a 4xx) instead of failing later in a worker.
import type { JobsOptions } from "bullmq";
import { getQueue, type JobQueue } from "./backend";
import { jobSchemas, type JobName, type JobPayload } from "./jobs";

export type EnqueueOptions = Pick<JobsOptions, "jobId" | "delay" | "priority" | "deduplication" | "attempts" | "backoff"> & {
  /** Defaults to the process's main queue; tests pass their own. */
  queue?: JobQueue;
};

/** Returns the job's id. */
export async function enqueue<Name extends JobName>(name: Name, payload: JobPayload<Name>, opts: EnqueueOptions = {}): Promise<string> {
  const { queue = getQueue(), ...jobOptions } = opts;
  const data = jobSchemas[name].parse(payload);
  const job = await queue.add(name, data, jobOptions);
  // BullMQ always assigns an id on add; its type says optional because Job objects can also be built by hand.
  return job.id!;
}
