"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ChecklistItem } from "@/components/checklist-item";
import { ReadinessPanel, type PanelViewer } from "@/components/readiness-panel";
import { ReleaseStatus } from "@/components/release-status";
import { StreamState } from "@/components/stream-state";
import { apiFetch } from "@/lib/client/api";
import { formatOffset } from "@/lib/client/format";
import { Moment } from "@/components/ui/moment";
import { isFinal } from "@/lib/releases/lifecycle";
import { waitsForDeploy, waitsForDeployReason } from "@/lib/releases/post-launch";
import { releaseKeys } from "@/lib/client/query-keys";
import { useNow } from "@/lib/client/use-now";
import { useReleaseStream } from "@/lib/client/use-release-stream";
import { useTickItem } from "@/lib/client/use-tick-item";
import { RunsPanel } from "@/components/runs-panel";
import { ReleaseScheduleControl } from "@/components/release-schedule-control";
import { ShareControl } from "@/components/share-control";
import { ReleasePlanPanel } from "@/components/release-plan-panel";
import Link from "next/link";
import type { TReleaseView } from "@/lib/schemas/release";

export function ReleasePlan({ releaseId, canTick, viewer }: { releaseId: string; canTick: boolean; viewer: PanelViewer }) {
  const [notice, setNotice] = useState<string | null>(null);
  const {
    data: release,
    error,
    isPending,
  } = useQuery({
    queryKey: releaseKeys.detail(releaseId),
    queryFn: () => apiFetch<TReleaseView>(`/api/releases/${releaseId}`),
  });
  // The stream starts after what the first load showed; later changes arrive through it (no polling).
  const [startAfter, setStartAfter] = useState<number | undefined>(undefined);
  if (release && startAfter === undefined) setStartAfter(release.lastSeq);
  const live = useReleaseStream(releaseId, startAfter);
  const tick = useTickItem(releaseId, setNotice);

  if (isPending) return <p className="text-sm text-slate-500">Loading the release…</p>;
  if (error)
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not load this release: {error.message}
      </p>
    );

  // A final release's checklist and plan are history (the server refuses changes): nothing to tick or edit.
  const final = isFinal(release.status);
  const mayChange = canTick && !final;

  return (
    <article>
      <header className="flex flex-wrap items-start gap-4">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold tracking-tight">
            {release.name} <span className="text-slate-500">{release.version}</span>
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            {release.environment} · {release.type} · T-0 <Moment iso={release.scheduledAt} testId="release-t0" />
            {release.commitSha && (
              <>
                {" "}
                · commit <code>{release.commitSha.slice(0, 10)}</code>
              </>
            )}
            {release.imageTag && (
              <>
                {" "}
                · image <code>{release.imageTag}</code>
              </>
            )}
            {release.manager && (
              <>
                {" "}
                · managed by <span data-testid="release-manager">{release.manager.name}</span>
              </>
            )}
          </p>
        </div>
        <span data-testid="release-status">
          <ReleaseStatus status={release.status} />
        </span>
        <StreamState state={live} />
        <p className="text-sm tabular-nums text-slate-600" data-testid="release-progress">
          {release.progress.checked}/{release.progress.total} done
        </p>
        <Link href={`/releases/${releaseId}/timeline`} className="text-sm text-indigo-700 hover:underline">
          Timeline
        </Link>
        <Link href={`/releases/${releaseId}/notes`} className="text-sm text-indigo-700 hover:underline">
          Release notes
        </Link>
        {canTick && <ReleaseScheduleControl release={release} />}
      </header>

      {notice && (
        <div role="alert" className="mt-4 flex items-center gap-3 rounded-md bg-amber-50 px-4 py-2 text-sm text-amber-900">
          {notice}
          <button type="button" onClick={() => setNotice(null)} className="ml-auto underline">
            Dismiss
          </button>
        </div>
      )}
      {canTick && final && (
        <p className="mt-4 text-sm text-slate-600" data-testid="release-closed">
          The release is {release.status.replace("_", " ")}: its checklist and plan are history and can no longer change.
        </p>
      )}
      {viewer.role === "viewer" && <p className="mt-4 text-sm text-slate-600">You are following this release read-only.</p>}
      {viewer.role === "approver" && (
        <p className="mt-4 text-sm text-slate-600" data-testid="approver-note">
          You decide go or no-go below; the checklist and the runs are the release manager&apos;s.
        </p>
      )}

      <ReadinessPanel releaseId={releaseId} viewer={viewer} />

      <RunsPanel release={release} canRun={canTick} />

      {canTick && <ShareControl releaseId={releaseId} />}

      {viewer.role !== "viewer" && <ReleasePlanPanel releaseId={releaseId} canEdit={mayChange} />}

      <div className="mt-6 space-y-6">
        {release.phases.map((phase) => (
          <section key={phase.id} aria-labelledby={`phase-${phase.id}`} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
            <h2 id={`phase-${phase.id}`} className="flex items-baseline gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2 font-medium">
              {phase.title}
              {formatOffset(phase.offsetMinutes) && <span className="text-xs font-normal text-slate-500">{formatOffset(phase.offsetMinutes)}</span>}
              {phase.dueAt && <PhaseDue dueAt={phase.dueAt} open={phase.items.some((i) => i.required && !i.checked)} />}
            </h2>
            {phase.items.length === 0 ? (
              <p className="px-4 py-3 text-sm text-slate-600">No checklist items in this phase.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {phase.items.map((item) => (
                  <ChecklistItem
                    key={item.id}
                    item={item}
                    canTick={mayChange}
                    busy={tick.isPending && tick.variables?.itemId === item.id}
                    onToggle={(i) => tick.mutate({ itemId: i.id, checked: !i.checked, version: i.version })}
                    waitsForDeploy={waitsForDeploy(release.status, phase.offsetMinutes) ? waitsForDeployReason(phase.offsetMinutes!) : null}
                    onTickEarly={(i) =>
                      window.confirm(
                        `Tick "${i.text}" early? It is due ${formatOffset(phase.offsetMinutes)}, after T-0, and the deploy has not started. The early tick is recorded.`,
                      ) && tick.mutate({ itemId: i.id, checked: true, version: i.version, early: true })
                    }
                  />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </article>
  );
}

function PhaseDue({ dueAt, open }: { dueAt: string; open: boolean }) {
  const now = useNow();
  const overdue = open && new Date(dueAt).getTime() < now;
  return (
    <span className={`ml-auto text-xs font-normal ${overdue ? "rounded bg-rose-100 px-1.5 py-0.5 font-medium text-rose-800" : "text-slate-500"}`}>
      {overdue ? "overdue since" : "due"} <Moment iso={dueAt} />
    </span>
  );
}
