"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { Badge } from "@/components/ui/badge";
import { apiFetch } from "@/lib/client/api";
import { Moment } from "@/components/ui/moment";
import { decisionKeys } from "@/lib/client/use-decisions";
import type { TWaitingRelease as WaitingRelease } from "@/lib/schemas/decision";

export function WaitingDecisions() {
  const { data, error, isPending } = useQuery({
    queryKey: decisionKeys.waiting(),
    queryFn: () => apiFetch<{ releases: WaitingRelease[] }>("/api/decisions/waiting"),
    refetchInterval: 30_000,
  });
  if (isPending) return <p className="mt-6 text-sm text-slate-500">Loading…</p>;
  if (error)
    return (
      <p role="alert" className="mt-6 text-sm text-rose-700">
        Could not load the list: {error.message}
      </p>
    );
  if (data.releases.length === 0)
    return <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">Nothing is waiting for your decision.</p>;
  return (
    <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid="waiting-decisions">
      {data.releases.map((r) => (
        <li key={r.id}>
          <Link href={`/releases/${r.id}`} className="flex items-center gap-4 px-5 py-4 hover:bg-slate-50 focus-visible:bg-slate-50">
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">
                {r.name} <span className="text-slate-500">{r.version}</span>
              </p>
              <p className="text-sm text-slate-500">
                {r.environment} · {r.type} · T-0 <Moment iso={r.scheduledAt} /> · needs {r.policy}
              </p>
            </div>
            {r.neededFromMe && <Badge tone="indigo">your group is needed</Badge>}
            {r.decisions.noGos > 0 && <Badge tone="red">{r.decisions.noGos} no-go</Badge>}
            <span className="text-sm tabular-nums text-slate-600">
              {r.decisions.goes}/{r.decisions.needed} gos
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
