// Queue names and the options every job gets unless its producer says otherwise.
import type { JobsOptions } from "bullmq";

/**
 * The one queue the web tier feeds and workers consume; job kinds are told apart by job name, not by queue.
 * COUNTDOWN_QUEUE lets two installations share one Redis, and lets a test give a worker process its own queue.
 */
export const MAIN_QUEUE = process.env.COUNTDOWN_QUEUE || "countdown";

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

const positiveInt = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${process.env[name]}"`);
  return value;
};

/**
 * A webhook delivery: more tries than the default, spaced out exponentially (base, 2 x base, 4 x base ...), since
 * a receiver that is down for a minute is common. Read when enqueued, so a test can make the base small.
 */
export function notificationJobOptions() {
  return {
    attempts: positiveInt("COUNTDOWN_NOTIFY_ATTEMPTS", 5),
    backoff: { type: "exponential", delay: positiveInt("COUNTDOWN_NOTIFY_BACKOFF_MS", 10_000) },
  } as const satisfies JobsOptions;
}

/** How often the notification sweep (outbox relay and reminders) runs; see lib/queue/schedules.ts. */
export function notificationSweepMs(): number {
  return positiveInt("COUNTDOWN_NOTIFY_SWEEP_MS", 5_000);
}
