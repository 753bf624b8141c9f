// Jobs that repeat. BullMQ's job scheduler keeps one scheduler per id however many workers upsert it, so every
// worker process can call this at start without the sweeps multiplying.
import type { JobQueue } from "./backend";
import { notificationSweepMs } from "./names";

export const NOTIFICATION_SWEEP_SCHEDULER = "notification.sweep";

export async function ensureSchedules(queue: JobQueue): Promise<void> {
  await queue.upsertJobScheduler(
    NOTIFICATION_SWEEP_SCHEDULER,
    { every: notificationSweepMs() },
    // One try: the next sweep comes soon anyway. Kept short in history: it runs every few seconds.
    { name: "notification.sweep", data: {}, opts: { attempts: 1, removeOnComplete: { count: 50 }, removeOnFail: { count: 200 } } },
  );
}
