import type { Metadata } from "next";
import { NotificationChannels } from "@/components/notifications/notification-channels";
import { requirePageCaller } from "@/lib/auth/page-caller";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const caller = await requirePageCaller("/notifications");
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Notifications</h1>
      <p className="mt-1 text-sm text-slate-500">
        Webhook channels that hear about releases: scheduled, decisions, runs, rollbacks, completion and the communication plan&apos;s reminders.
      </p>
      <div className="mt-6">
        {caller.role === "admin" ? <NotificationChannels /> : <p className="text-sm text-slate-500">Only admins manage notification channels.</p>}
      </div>
    </div>
  );
}
