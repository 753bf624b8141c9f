// The job kinds' names and payload schemas: what a producer needs and nothing more. The handlers live with
// the worker (workers/registry.ts), so the web tier never loads worker code. A kind's schema is applied twice:
// by the producer before the job is stored and by the worker before the handler runs (a job written by an
// older build may no longer fit).
import { z } from "zod";
import { ZDeliverJob } from "@/lib/schemas/notification";

export const jobSchemas = {
  // Placeholder until scheduling lands: proves a job reaches a worker without touching the database.
  "release.scheduled": z.object({ releaseId: z.uuid() }).strict(),
  "queue.probe": z
    .object({
      probeId: z.string().min(1).max(200),
      // Lets a test keep a job active while it stops the worker, to prove shutdown waits for it.
      holdMs: z.number().int().min(0).max(10_000).optional(),
    })
    .strict(),
  "run.execute": z.object({ runId: z.uuid() }).strict(),
  "notification.deliver": ZDeliverJob,
  // Started by the job scheduler (lib/queue/schedules.ts); `now` lets a test run it at a chosen time.
  "notification.sweep": z.object({ now: z.iso.datetime().optional() }).strict(),
} as const satisfies Record<string, z.ZodType>;

export type JobName = keyof typeof jobSchemas;
/** What a producer passes (before defaults and transforms). */
export type JobPayload<Name extends JobName> = z.input<(typeof jobSchemas)[Name]>;
/** What a handler receives. */
export type JobData<Name extends JobName> = z.output<(typeof jobSchemas)[Name]>;

export const jobNames = Object.keys(jobSchemas) as JobName[];

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobSchemas, name);
}

/** What the worker hands every job handler besides its payload. */
export type JobContext = {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** The job's `attempts` option: when `attempt` reaches it, a failure is final. */
  maxAttempts: number;
  /** Aborted when the worker cancels the job; long handlers should pass it on. */
  signal?: AbortSignal;
  log(message: string): void;
};
