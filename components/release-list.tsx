"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { ReleaseStatus } from "@/components/release-status";
import { apiFetch } from "@/lib/client/api";
import { Moment } from "@/components/ui/moment";
import { releaseKeys } from "@/lib/client/query-keys";
import type { TReleaseSummary as ReleaseSummary } from "@/lib/schemas/release";

export function ReleaseList() {
  const { data, error, isPending } = useQuery({
    queryKey: releaseKeys.list(),
    queryFn: () => apiFetch<{ releases: ReleaseSummary[] }>("/api/releases"),
  });
  if (isPending) return <p className="mt-6 text-sm text-slate-500">Loading releases…</p>;
  if (error)
    return (
      <p role="alert" className="mt-6 text-sm text-rose-700">
        Could not load releases: {error.message}
      </p>
    );
  if (data.releases.length === 0) {
    return (
      <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">
        No releases yet. Create one from a template through the API (POST /api/releases).
      </p>
    );
  }
  return (
    <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
      {data.releases.map((r) => (
        <li key={r.id}>
          <Link href={`/releases/${r.id}`} className="flex items-center gap-4 px-5 py-4 hover:bg-slate-50 focus-visible:bg-slate-50">
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium">
                {r.name} <span className="text-slate-500">{r.version}</span>
              </p>
              <p className="text-sm text-slate-500">
                {r.environment} · {r.type} · T-0 <Moment iso={r.scheduledAt} /> · {r.template.name}
              </p>
            </div>
            <span className="text-sm tabular-nums text-slate-600" aria-label="checklist progress">
              {r.progress.checked}/{r.progress.total}
            </span>
            <ReleaseStatus status={r.status} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
