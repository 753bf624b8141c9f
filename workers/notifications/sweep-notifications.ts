// The notification.sweep job: fire due reminders, then hand pending deliveries to the queue.
import type { JobQueue } from "@/lib/queue/backend";
import { dispatchPendingDeliveries } from "@/lib/notifications/dispatch-deliveries";
import { fireDueReminders } from "@/lib/notifications/fire-reminders";

/** What the periodic `notification.sweep` job does: fire due reminders, then hand every pending delivery to the queue. */
export async function sweepNotifications(now = new Date(), queue?: JobQueue) {
  const reminders = await fireDueReminders(now);
  const dispatched = await dispatchPendingDeliveries({ now, queue });
  return { reminders, dispatched };
}
