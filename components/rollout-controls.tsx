"use client";

import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Moment } from "@/components/ui/moment";
import { apiFetch } from "@/lib/client/api";
import { promotionSkips } from "@/lib/canary/promote-to-full";
import type { StepView } from "@/components/run-step-row";

// The controls of a rollout on the run page (docs/canary.md): pause and resume the bake that is running, promote a
// canary to full, abort the run with a reason, and after an abort the way out (the rollback). "Promote this stage"
// is the gate's own button in its step row. Each asks first; the server decides (roles, deployers, the gate, the
// state), and its refusal is shown as it says it.

type Run = {
  id: string;
  releaseId: string;
  environment: string;
  status: string;
  abort: { by: string; reason: string } | null;
  steps: StepView[];
};

type Props = { run: Run; canDrive: boolean; busy: boolean; onAction: (path: string, confirmMessage: string) => void };

const BAKES = ["wait", "watch"];

export function RolloutControls({ run, canDrive, busy, onAction }: Props) {
  const [aborting, setAborting] = useState(false);
  const active = ["queued", "running", "needs-attention"].includes(run.status);
  const bake = run.steps.find((s) => BAKES.includes(s.kind) && s.status === "running") ?? null;
  const gate = run.steps.find((s) => s.kind === "gate" && s.status === "waiting" && s.stage !== null) ?? null;
  const current = bake ?? gate;
  // Promote to full only where it differs from promoting the stage: something besides the gate itself is skipped.
  const plan = current && current.stage !== null ? promotionSkips(run.steps, current.position) : null;
  const fullDiffers = plan !== null && plan.skip.some((s) => s.kind !== "gate");
  const isCanary = run.steps.some((s) => s.stage !== null);

  if (!active && !run.abort) return null;
  if (active && !bake && !isCanary) return null;

  return (
    <section aria-label="Rollout controls" data-testid="rollout-controls" className="mt-4 rounded-md border border-slate-200 bg-white px-4 py-3 text-sm">
      {bake?.paused && (
        <p data-testid="bake-paused" className="mb-2 font-medium text-amber-900">
          Bake paused by {bake.paused.by} at <Moment iso={bake.paused.at} short />: its time does not count until it is resumed.
        </p>
      )}
      {run.abort && (
        <div data-testid="run-aborted" className="space-y-2">
          <p>
            <strong>Aborted by {run.abort.by}</strong>: {run.abort.reason}
          </p>
          <p className="text-slate-600">What was deployed stays as it is until it is rolled back.</p>
          {canDrive && <RollbackOffer run={run} />}
        </div>
      )}
      {canDrive && active && (
        <div className="flex flex-wrap items-center gap-2">
          {bake &&
            (bake.paused ? (
              <Button
                variant="primary"
                disabled={busy}
                onClick={() => onAction(`steps/${bake.id}/resume`, `Resume the bake "${plain(bake.text)}"? Its clock runs again.`)}
              >
                Resume bake
              </Button>
            ) : (
              <Button
                variant="secondary"
                disabled={busy}
                onClick={() => onAction(`steps/${bake.id}/pause`, `Pause the bake "${plain(bake.text)}"? Its time stops counting until you resume it.`)}
              >
                Pause bake
              </Button>
            ))}
          {current && fullDiffers && plan && (
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() =>
                onAction(
                  `steps/${current.id}/promote-to-full`,
                  `Promote to full (${plan.toWeight} %)? ${plan.skip.length} step${plan.skip.length === 1 ? "" : "s"} of the earlier stages ${plan.skip.length === 1 ? "is" : "are"} skipped and the canary goes to its last stage now.`,
                )
              }
            >
              Promote to full ({plan.toWeight} %)
            </Button>
          )}
          <Button variant="danger" disabled={busy} onClick={() => setAborting(true)}>
            Abort rollout
          </Button>
        </div>
      )}
      <AbortDialog runId={run.id} open={aborting} onClose={() => setAborting(false)} />
    </section>
  );
}

/** A step's name inside a sentence: without its trailing question mark. */
const plain = (text: string) => text.replace(/[?\s]+$/, "");

function AbortDialog({ runId, open, onClose }: { runId: string; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title="Abort this rollout?">
      {open && <AbortForm runId={runId} onClose={onClose} />}
    </Dialog>
  );
}

function AbortForm({ runId, onClose }: { runId: string; onClose: () => void }) {
  const [reason, setReason] = useState("");
  const abort = useMutation({
    mutationFn: () => apiFetch(`/api/runs/${runId}/abort`, { method: "POST", json: { reason: reason.trim() } }),
    onSuccess: onClose,
  });
  return (
    <form
      data-testid="abort-dialog"
      onSubmit={(e) => {
        e.preventDefault();
        abort.mutate();
      }}
    >
      <p className="mb-2 text-sm text-slate-600">The run stops now and ends cancelled; what is deployed stays until you roll it back.</p>
      <label htmlFor="abort-reason" className="block text-sm font-medium">
        Why? (required, recorded in the release&apos;s history)
      </label>
      <textarea
        id="abort-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        minLength={3}
        rows={3}
        maxLength={2000}
        className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm"
        autoFocus
      />
      {abort.error && (
        <p role="alert" className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {abort.error.message}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onClose}>
          Keep running
        </Button>
        <Button type="submit" variant="danger" disabled={abort.isPending || reason.trim().length < 3}>
          Abort rollout
        </Button>
      </div>
    </form>
  );
}

/** After an abort: start the release's rollback in the run's environment, then follow it on its own page. */
function RollbackOffer({ run }: { run: Run }) {
  const router = useRouter();
  const rollback = useMutation({
    mutationFn: () =>
      apiFetch<{ runId: string }>(`/api/releases/${run.releaseId}/runs`, { method: "POST", json: { procedure: "rollback", environment: run.environment } }),
    onSuccess: ({ runId }) => router.push(`/runs/${runId}`),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="danger"
        disabled={rollback.isPending}
        onClick={() => window.confirm(`Roll back ${run.environment} now? The release's rollback procedure runs there.`) && rollback.mutate()}
      >
        Roll back {run.environment}
      </Button>
      {rollback.error && (
        <span role="alert" className="text-rose-800">
          {rollback.error.message}
        </span>
      )}
    </div>
  );
}
