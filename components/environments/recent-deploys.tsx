import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { formatDateTime } from "@/lib/client/format";
import type { EnvironmentRow } from "@/lib/client/use-environments";

const TONE: Record<string, Tone> = { succeeded: "green", failed: "red", running: "indigo", queued: "slate", "needs-attention": "amber", cancelled: "slate" };

/** The environment's latest deploy and rollback runs, newest first, each linking to its run page. */
export function RecentDeploys({ environment }: { environment: EnvironmentRow }) {
  return (
    <div className="text-sm">
      <h3 className="font-medium">Recent deploys</h3>
      {environment.recentDeploys.length ? (
        <ul className="mt-1 space-y-1" aria-label={`Recent deploys to ${environment.name}`}>
          {environment.recentDeploys.map((d) => (
            <li key={d.runId} className="flex flex-wrap items-center gap-2">
              <Badge tone={TONE[d.status] ?? "slate"}>{d.status}</Badge>
              <Link href={`/runs/${d.runId}`} className="text-indigo-700 hover:underline">
                {d.procedure} of {d.release}
              </Link>
              <span className="text-xs text-slate-500">
                {formatDateTime(d.finishedAt ?? d.createdAt)}
                {d.requestedBy ? ` · ${d.requestedBy}` : " · automatic"}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-slate-500">Nothing deployed here yet.</p>
      )}
    </div>
  );
}
