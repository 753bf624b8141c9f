import { Badge } from "@/components/ui/badge";
import { LocalTime } from "@/components/timeline/local-time";
import type { TTimeline as Timeline } from "@/lib/schemas/timeline";

/** Go / no-go votes with their comments, oldest first (the newest 50; the audit export has all). */
export function TimelineDecisions({ decisions, total }: { decisions: Timeline["decisions"]; total: number }) {
  return (
    <section aria-labelledby="decisions-heading" className="mt-6 break-inside-avoid">
      <h2 id="decisions-heading" className="text-lg font-semibold">
        Go / no-go
      </h2>
      {decisions.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">No decisions yet.</p>
      ) : (
        <ol className="mt-3 space-y-2" data-testid="timeline-decisions">
          {total > decisions.length && <li className="text-xs text-slate-500">{total - decisions.length} earlier decisions not shown.</li>}
          {decisions.map((d) => (
            <li key={d.id} className="rounded-lg border border-slate-200 bg-white p-3 text-sm" data-testid="timeline-decision">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={d.decision === "go" ? "green" : "red"}>{d.decision}</Badge>
                <span className="font-medium">{d.by}</span>
                <LocalTime iso={d.at} className="text-xs text-slate-500" />
                {d.withdrawnAt && <Badge>withdrawn</Badge>}
                {d.override && <Badge tone="amber">overridden by {d.override.by ?? "an admin"}</Badge>}
              </div>
              {d.comment && <p className="mt-1 whitespace-pre-wrap break-words text-slate-700">{d.comment}</p>}
              {d.override?.reason && <p className="mt-1 text-xs text-slate-500">Override reason: {d.override.reason}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
