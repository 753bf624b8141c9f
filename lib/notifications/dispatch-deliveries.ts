import { db } from "@/lib/db";
import type { JobQueue } from "@/lib/queue/backend";
import { notificationJobOptions } from "@/lib/queue/names";
import { enqueue } from "@/lib/queue/producer";

/** A pending delivery handed to the queue this long ago and still pending lost its job: hand it over again. */
const REQUEUE_AFTER_MS = 60 * 60_000;

/** One job per delivery: its id is derived from the delivery's, so handing a row over twice adds nothing. */
export async function enqueueDelivery(deliveryId: string, queue?: JobQueue): Promise<void> {
  await enqueue("notification.deliver", { deliveryId }, { jobId: `notify-${deliveryId}`, ...notificationJobOptions(), queue });
}

/**
 * The outbox relay: hands pending deliveries that no job carries yet to the queue. Rows are claimed with
 * SKIP LOCKED, so sweeps in several workers share the work instead of repeating it; a row is only marked once
 * its job is stored (a queue outage leaves it for the next sweep).
 */
export async function dispatchPendingDeliveries(opts: { now?: Date; limit?: number; queue?: JobQueue } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const staleBefore = new Date(now.getTime() - REQUEUE_AFTER_MS);
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "NotificationDelivery"
      WHERE status = 'pending' AND ("enqueuedAt" IS NULL OR "enqueuedAt" < ${staleBefore})
      ORDER BY "createdAt" LIMIT ${opts.limit ?? 200}
      FOR UPDATE SKIP LOCKED`;
    for (const row of rows) await enqueueDelivery(row.id, opts.queue);
    if (rows.length) await tx.notificationDelivery.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { enqueuedAt: now } });
    return rows.length;
  });
}
