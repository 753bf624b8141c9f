"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatDateTime, formatUtc } from "@/lib/client/format";
import type { TReleaseDetail as ReleaseDetail } from "@/lib/schemas/release-detail";
import { pipelineOf } from "@/lib/runs/pipeline";

type Props = {
  release: ReleaseDetail;
  /** An admin deploying although the release is not ready: a reason is required and recorded. */
  override: boolean;
  open: boolean;
  busy: boolean;
  error: string | null;
  onCancel: () => void;
  onConfirm: (reason: string | undefined) => void;
};

function untilT0(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? "" : "s"}`;
  return `${Math.round(hours / 24)} days`;
}

/** Deploy asks first: what runs where (release, version, environment, plan digest), and warns in words before T-0 or in a freeze. */
export function DeployConfirm({ release, override, open, busy, error, onCancel, onConfirm }: Props) {
  return (
    <Dialog open={open} onClose={onCancel} title={`Deploy ${release.name} ${release.version} to ${release.environment}?`}>
      {open && <DeployConfirmForm release={release} override={override} busy={busy} error={error} onCancel={onCancel} onConfirm={onConfirm} />}
    </Dialog>
  );
}

function DeployConfirmForm({ release, override, busy, error, onCancel, onConfirm }: Omit<Props, "open">) {
  const [reason, setReason] = useState("");
  const [now] = useState(() => Date.now());
  const early = new Date(release.scheduledAt).getTime() - now;
  const freeze = release.readiness.freeze.active ? release.readiness.freeze.window : null;
  const digest = release.readiness.plan.digest;
  // What Deploy runs there: the environment's pipeline (its own, else the default one), as one run.
  const pipeline = pipelineOf(release.procedures, release.environment);
  return (
    <form
      data-testid="deploy-confirm"
      onSubmit={(e) => {
        e.preventDefault();
        onConfirm(override ? reason.trim() : undefined);
      }}
    >
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">Release</dt>
        <dd className="font-medium">{release.name}</dd>
        <dt className="text-slate-600">Version</dt>
        <dd className="font-medium">{release.version}</dd>
        <dt className="text-slate-600">Environment</dt>
        <dd className="font-medium">{release.environment}</dd>
        {pipeline.length > 0 && (
          <>
            <dt className="text-slate-600">Pipeline</dt>
            <dd data-testid="deploy-confirm-pipeline">{pipeline.map((p) => p.name).join(" → ")}</dd>
          </>
        )}
        <dt className="text-slate-600">Plan</dt>
        <dd>
          <code className="text-xs" title={digest} data-testid="deploy-confirm-digest">
            {digest.slice(0, 12)}
          </code>{" "}
          <span className="text-slate-600">{release.readiness.plan.approved ? "(the plan the approvers approved)" : "(not approved by the quorum)"}</span>
        </dd>
      </dl>
      {early > 60_000 && (
        <p role="note" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="deploy-early">
          This is before T-0: T-0 is in {untilT0(early)} (<span title={formatUtc(release.scheduledAt)}>{formatDateTime(release.scheduledAt)}</span>). You are
          deploying early.
        </p>
      )}
      {freeze?.current && (
        <p role="note" className="mt-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-900" data-testid="deploy-freeze">
          {release.environment} is frozen until <span title={formatUtc(freeze.current.endsAt)}>{formatDateTime(freeze.current.endsAt)}</span>: {freeze.reason}.
        </p>
      )}
      {override && (
        <>
          <label htmlFor="deploy-reason" className="mt-3 block text-sm font-medium">
            Reason for deploying although it is not ready (required, recorded in the audit trail)
          </label>
          <textarea
            id="deploy-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            rows={3}
            maxLength={2000}
            className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm"
          />
        </>
      )}
      {error && (
        <p role="alert" className="mt-3 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button type="submit" variant={override || freeze ? "danger" : "primary"} disabled={busy || (override && !reason.trim())}>
          {override ? "Override and deploy" : `Deploy ${release.version}`}
        </Button>
      </div>
    </form>
  );
}
