"use client";

import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/client/format";
import { useDeliveries } from "@/lib/client/use-notifications";

const TONE = { sent: "green", failed: "red", pending: "amber" } as const;

/** What was sent to one channel, newest first, with the outcome of the last try. */
export function DeliveryLog({ channelId }: { channelId: string }) {
  const { data, error } = useDeliveries(channelId);
  if (error)
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not load the delivery log: {error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-slate-500">Loading the delivery log…</p>;
  if (!data.deliveries.length) return <p className="text-sm text-slate-500">Nothing sent yet. Send a test message, or subscribe the channel to some events.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="delivery-log">
      <caption className="sr-only">Delivery log</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-3 font-medium">When</th>
          <th className="py-1 pr-3 font-medium">Event</th>
          <th className="py-1 pr-3 font-medium">Release</th>
          <th className="py-1 pr-3 font-medium">Status</th>
          <th className="py-1 pr-3 font-medium">Tries</th>
          <th className="py-1 font-medium">Last answer</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {data.deliveries.map((d) => (
          <tr key={d.id}>
            <td className="py-1 pr-3 whitespace-nowrap">{formatDateTime(d.updatedAt)}</td>
            <td className="py-1 pr-3 font-mono text-xs">{d.eventType}</td>
            <td className="py-1 pr-3">{d.release ? `${d.release.name} ${d.release.version}` : "—"}</td>
            <td className="py-1 pr-3">
              <Badge tone={TONE[d.status as keyof typeof TONE] ?? "slate"}>{d.status}</Badge>
            </td>
            <td className="py-1 pr-3">{d.attempts}</td>
            <td className="py-1 text-xs text-slate-600">{d.lastError ?? (d.lastStatus ? `HTTP ${d.lastStatus}` : "")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
