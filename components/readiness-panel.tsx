"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Blockers } from "@/components/blockers";
import { ConfirmDialog, type Confirm } from "@/components/confirm-dialog";
import { DeployConfirm } from "@/components/deploy-confirm";
import { DeployControl } from "@/components/deploy-control";
import { PromotionPipeline } from "@/components/promotion-pipeline";
import { FreezeWindows } from "@/components/freeze-windows";
import { StalePlanNotice, VoteDigest, type PanelViewer } from "@/components/plan-digest";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { Moment } from "@/components/ui/moment";
import { releaseKeys } from "@/lib/client/query-keys";
import { useReleaseAction } from "@/lib/client/use-decisions";
import { deployOffer, nextSteps } from "@/lib/releases/deploy-offer";
import type { TReadiness as Readiness } from "@/lib/schemas/readiness";
import type { TReleaseDetail as ReleaseDetail } from "@/lib/schemas/release-detail";

export type { PanelViewer };

/** The current environment's pipeline box says what it waits for: "waiting for 2 gos", or "not ready". */
function waitingFor(readiness: NonNullable<ReleaseDetail["readiness"]>): string | null {
  if (readiness.ready) return null;
  const gos = readiness.decisions.needed - readiness.decisions.goes;
  return gos > 0 ? `waiting for ${gos} ${gos === 1 ? "go" : "gos"}` : "not ready";
}

/** Readiness for everyone; Go / No-go for those who may decide; Deploy for managers; overrides for admins. */
export function ReadinessPanel({ releaseId, viewer }: { releaseId: string; viewer: PanelViewer }) {
  // Shares the release page's query (same key): whatever refreshes the page refreshes this panel.
  const { data: release } = useQuery({ queryKey: releaseKeys.detail(releaseId), queryFn: () => apiFetch<ReleaseDetail>(`/api/releases/${releaseId}`) });
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [deploy, setDeploy] = useState<"deploy" | "override" | null>(null);
  // The run a deploy just asked for: until the release's runs list it, the page offers no second Deploy.
  const [requested, setRequested] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const action = useReleaseAction(releaseId, (error) => {
    if (error) setMessage({ tone: "error", text: error });
    else {
      setConfirm(null);
      setDeploy(null);
    }
  });
  if (!release?.readiness) return null;
  const { readiness } = release;
  const canDecide = (viewer.role === "approver" || viewer.role === "admin") && viewer.id !== release.createdBy.id && viewer.id !== release.managerId;
  const mine = readiness.decisions.votes.find((v) => v.user.id === viewer.id);
  const offer =
    requested && !release.runs.some((r) => r.id === requested)
      ? ({ kind: "running", runId: requested } as const)
      : deployOffer(
          release.status,
          release.runs,
          release.environments.length > 1 ? release.environments.find((e) => e.name === release.currentEnvironment) : undefined,
        );
  const next = nextSteps(release.status, release.procedures);
  const planned = offer.kind === "deploy";
  const current = release.environments.find((e) => e.name === release.currentEnvironment);

  const run = (vars: Parameters<typeof action.mutate>[0], done: string) => {
    setMessage(null);
    action.mutate(vars, {
      onSuccess: (answer) => {
        setMessage({ tone: "ok", text: done });
        if (vars.action === "deploy") setRequested((answer as { runId?: string } | undefined)?.runId ?? null);
      },
    });
  };

  return (
    <section aria-labelledby="readiness-heading" data-testid="readiness-panel" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="readiness-heading" className="font-medium">
          Go / no-go
        </h2>
        {planned && (
          <span data-testid="readiness-state">{readiness.ready ? <Badge tone="green">Ready to deploy</Badge> : <Badge tone="amber">Not ready</Badge>}</span>
        )}
        <span className="text-sm text-slate-500">Policy: {readiness.policy.description}</span>
      </div>

      <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-500">Checklist before T-0</dt>
          <dd className="tabular-nums" data-testid="readiness-items">
            {readiness.requiredItems.done}/{readiness.requiredItems.total} required items done
          </dd>
        </div>
        <div>
          <dt className="text-slate-500">Decisions</dt>
          <dd className="tabular-nums" data-testid="readiness-goes">
            {readiness.decisions.goes} of {readiness.decisions.needed} gos
          </dd>
          {readiness.decisions.groupRules.map((g) => (
            <dd key={g.anyOf.join("|")} className="text-slate-600" data-testid="group-rule">
              {g.stillNeeded ? stillNeededText(g, viewer.id) : `✓ ${g.from.join(", ")} (${g.anyOf.join(" or ")})`}
            </dd>
          ))}
        </div>
        <div>
          <dt className="text-slate-500">Freeze</dt>
          <dd data-testid="readiness-freeze">
            {readiness.freeze.active && readiness.freeze.window
              ? `Frozen until ${formatDateTime(readiness.freeze.window.current!.endsAt)}: ${readiness.freeze.window.reason}`
              : "No freeze in force"}
          </dd>
          <dd>
            <FreezeWindows environment={release.environment} />
          </dd>
        </div>
      </dl>

      {readiness.decisions.votes.length > 0 && (
        <ul className="mt-4 divide-y divide-slate-100 text-sm" aria-label="Votes" data-testid="votes">
          {readiness.decisions.votes.map((v) => (
            <li key={v.decisionId} className="flex flex-wrap items-center gap-2 py-2">
              <Badge tone={v.decision === "go" ? "green" : "red"}>{v.decision}</Badge>
              <span className="font-medium">{v.user.name}</span>
              {v.comment && <span className="text-slate-600">“{v.comment}”</span>}
              <Moment iso={v.at} className="text-xs text-slate-600" />
              <VoteDigest vote={v} />
              {v.decision === "no-go" && viewer.role === "admin" && (
                <Button
                  variant="secondary"
                  className="ml-auto !py-1"
                  onClick={() => setConfirm({ kind: "override", decisionId: v.decisionId, who: v.user.name })}
                >
                  Override
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}

      <StalePlanNotice releaseId={releaseId} viewer={viewer} readiness={readiness} />

      {canDecide && (
        <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          <Button className="min-w-32 !bg-emerald-700 !py-3 !text-base hover:!bg-emerald-800" onClick={() => setConfirm({ kind: "go" })}>
            Go
          </Button>
          <Button variant="danger" className="min-w-32 !py-3 !text-base" onClick={() => setConfirm({ kind: "no-go" })}>
            No-go
          </Button>
          {!mine && (
            <span className="text-sm text-slate-700" data-testid="my-vote-pending">
              You have not voted on this release yet.
            </span>
          )}
          {mine && (
            <>
              <span className="text-sm text-slate-600" data-testid="my-decision">
                Your decision: <strong>{mine.decision}</strong>
              </span>
              <Button variant="secondary" disabled={action.isPending} onClick={() => run({ action: "withdraw" }, "Your decision was withdrawn.")}>
                Withdraw my decision
              </Button>
            </>
          )}
        </div>
      )}

      {next && (
        <p className="mt-4 rounded-md bg-indigo-50 px-3 py-2 text-sm text-indigo-950" data-testid="next-steps">
          {next}
        </p>
      )}

      <PromotionPipeline
        environments={release.environments}
        currentEnvironment={release.currentEnvironment}
        waitingFor={waitingFor(readiness)}
        action={
          viewer.role === "manager" || viewer.role === "admin" ? (
            <DeployControl
              offer={offer}
              readiness={readiness}
              environment={release.environments.length > 1 ? release.currentEnvironment : undefined}
              disabledReason={
                current?.waitUntil ? `It waits until ${formatDateTime(current.waitUntil)} (${release.currentEnvironment}'s protection rules).` : null
              }
              isAdmin={viewer.role === "admin"}
              busy={action.isPending}
              onDeploy={() => setDeploy("deploy")}
              onOverride={() => setDeploy("override")}
            />
          ) : null
        }
      />

      {planned && !readiness.ready && viewer.role !== "manager" && viewer.role !== "admin" && (
        <Blockers blockers={readiness.blockers} details={readiness.blockerDetails} viewerId={viewer.id} />
      )}

      {message && (
        <p
          role={message.tone === "error" ? "alert" : "status"}
          className={`mt-3 rounded-md px-3 py-2 text-sm ${message.tone === "error" ? "bg-rose-50 text-rose-800" : "bg-emerald-50 text-emerald-800"}`}
        >
          {message.text}
        </p>
      )}

      <DeployConfirm
        release={release}
        override={deploy === "override"}
        open={deploy !== null}
        busy={action.isPending}
        error={deploy && message?.tone === "error" ? message.text : null}
        onCancel={() => {
          setDeploy(null);
          setMessage(null);
        }}
        onConfirm={(reason) =>
          run(
            { action: "deploy", environment: release.currentEnvironment, reason },
            reason ? "Deploy requested with an override." : `Deploy to ${release.currentEnvironment} requested.`,
          )
        }
      />

      <ConfirmDialog
        confirm={confirm}
        release={`${release.name} ${release.version}`}
        busy={action.isPending}
        error={confirm && message?.tone === "error" ? message.text : null}
        onCancel={() => {
          setConfirm(null);
          setMessage(null);
        }}
        onSubmit={(c, text) => {
          if (c.kind === "go" || c.kind === "no-go") run({ action: "decide", decision: c.kind, comment: text }, `Your ${c.kind} was recorded.`);
          else if (c.kind === "override") run({ action: "override", decisionId: c.decisionId, reason: text }, "The no-go was overridden.");
          else run({ action: "deploy", environment: release.currentEnvironment, reason: text }, "Deploy requested with an override.");
        }}
      />
    </section>
  );
}

type GroupRule = Readiness["decisions"]["groupRules"][number];

/** "1 more from lead: Bo Approver", or, when the reader is one who can give it, "1 more from lead: your go is needed". */
function stillNeededText(g: GroupRule, viewerId: string): string {
  const head = `${g.stillNeeded} more from ${g.anyOf.join(" or ")}`;
  const others = g.candidates.filter((c) => c.id !== viewerId).map((c) => c.name);
  if (others.length < g.candidates.length) return `${head}: your go is needed${others.length ? ` (or ${others.join(", ")})` : ""}`;
  return others.length ? `${head}: ${others.join(", ")}` : head;
}
