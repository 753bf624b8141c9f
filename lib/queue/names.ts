// Queue names and the options every job gets unless its producer says otherwise.
import type { JobsOptions } from "bullmq";
import { config } from "@/lib/config";

/**
 * The one queue the web tier feeds and workers consume; job kinds are told apart by job name, not by queue.
 * COUNTDOWN_QUEUE lets two installations share one Redis, and lets a test give a worker process its own queue.
 */
export const MAIN_QUEUE = config().COUNTDOWN_QUEUE;

export const DEFAULT_JOB_OPTIONS = {
  // A transient failure (database restart, network blip) gets two more tries, spaced out; handlers that must
  // not be retried throw UnrecoverableError instead of relying on a low attempt count.
  attempts: 3,
  backoff: { type: "exponential", delay: 2_000 },
  // Keep enough history to inspect recent jobs without letting the queue's tables or keys grow without bound;
  // the database rows written by handlers, not BullMQ's job records, are the lasting record.
  removeOnComplete: { count: 1_000 },
  removeOnFail: { count: 5_000 },
} as const satisfies JobsOptions;

/**
 * A webhook delivery: more tries than the default, spaced out exponentially (base, 2 x base, 4 x base ...), since
 * a receiver that is down for a minute is common. Read when enqueued, so a test can make the base small.
 */
export function notificationJobOptions() {
  return {
    attempts: config().COUNTDOWN_NOTIFY_ATTEMPTS,
    backoff: { type: "exponential", delay: config().COUNTDOWN_NOTIFY_BACKOFF_MS },
  } as const satisfies JobsOptions;
}

/** How often the notification sweep (outbox relay and reminders) runs; see lib/queue/schedules.ts. */
export function notificationSweepMs(): number {
  return config().COUNTDOWN_NOTIFY_SWEEP_MS;
}
