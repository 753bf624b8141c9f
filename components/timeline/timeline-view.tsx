"use client";

import { PromotionPipeline } from "@/components/promotion-pipeline";
import { useQuery } from "@tanstack/react-query";
import { LocalTime } from "@/components/timeline/local-time";
import { TimelineDecisions } from "@/components/timeline/timeline-decisions";
import { TimelineNotes } from "@/components/timeline/timeline-notes";
import { TimelinePhases } from "@/components/timeline/timeline-phases";
import { TimelineRuns } from "@/components/timeline/timeline-runs";
import { ReleaseStatus } from "@/components/release-status";
import { StreamState } from "@/components/stream-state";
import { ReleaseClock } from "@/components/timeline/release-clock";
import { StreamEnded } from "@/components/timeline/stream-ended";
import { apiFetch } from "@/lib/client/api";
import { timelineKeys } from "@/lib/client/query-keys";
import { timelineUrl, useTimelineStream } from "@/lib/client/use-timeline-stream";
import type { TTimeline as Timeline } from "@/lib/schemas/timeline";

/**
 * The read-only stakeholder timeline. The server renders the first paint from `initial`; the stream then keeps
 * it current. Nothing on it changes anything: no buttons, no forms, no checkboxes.
 */
export function TimelineView({ initial, share }: { initial: Timeline; share?: string }) {
  const releaseId = initial.release.id;
  const { data } = useQuery({
    queryKey: timelineKeys.detail(releaseId),
    queryFn: () => apiFetch<Timeline>(timelineUrl(releaseId, share), share ? { credentials: "omit" } : {}),
    initialData: initial,
    staleTime: Infinity,
  });
  const { state: live, ended } = useTimelineStream(releaseId, initial.lastSeq, share);
  const t = data ?? initial;
  const r = t.release;

  return (
    <article className="print:text-[12px]" data-testid="timeline">
      {ended && <StreamEnded ended={ended} />}
      <header className="rounded-xl bg-slate-900 p-4 text-slate-100 sm:p-6 print:border print:border-slate-300 print:bg-white print:text-slate-900">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 text-xl font-semibold tracking-tight break-words sm:text-2xl">
            {r.name} <span className="text-slate-400 print:text-slate-600">{r.version}</span>
          </h1>
          <span data-testid="timeline-status">
            <ReleaseStatus status={r.status} />
          </span>
          <StreamState state={live} tone="dark" className="ml-auto print:hidden" />
        </div>
        <p className="mt-1 text-sm text-slate-300 print:text-slate-600">
          {r.type} · {r.environment} · T-0 <LocalTime iso={r.scheduledAt} />
        </p>
        <PromotionPipeline environments={t.environments} currentEnvironment={t.currentEnvironment} dark />
        <div className="mt-3">
          <ReleaseClock release={r} statusSince={t.statusSince} />
        </div>
      </header>
      {/* On a phone the current state comes first: the runs (deployment progress), then decisions, then the schedule. */}
      <div className="flex flex-col lg:grid lg:grid-cols-5 lg:gap-6 print:block">
        <div className="lg:col-span-3">
          <TimelinePhases phases={t.phases} />
          <TimelineNotes notes={t.notes} />
        </div>
        <div className="order-first lg:order-none lg:col-span-2">
          <TimelineRuns runs={t.runs} />
          <TimelineDecisions decisions={t.decisions} total={t.decisionsTotal} />
        </div>
      </div>
    </article>
  );
}
