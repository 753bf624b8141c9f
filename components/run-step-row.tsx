"use client";

import { Badge, type Tone } from "@/components/ui/badge";
import { formatDuration } from "@/lib/client/format";
import { useNow } from "@/lib/client/use-now";
import type { WatchSample } from "@/lib/schemas/step";

export type StepView = {
  id: string;
  position: number;
  kind: string;
  text: string;
  status: string;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
  exitCode: number | null;
  stage: number | null;
  weight: number | null;
  /** A paused bake: by whom and since when. */
  paused: { by: string; at: string } | null;
  result: {
    skippedBy?: string;
    promotedToFull?: boolean;
    checks?: { name: string; expected: string; got: string; ok: boolean }[];
    samples?: WatchSample[];
  } | null;
  config?: unknown;
  /** A pipeline run: the procedure the step comes from (its group heading). */
  procedure?: string | null;
};

const STEP_TONE: Record<string, Tone> = {
  pending: "slate",
  running: "indigo",
  waiting: "amber",
  succeeded: "green",
  failed: "red",
  skipped: "slate",
  interrupted: "amber",
  cancelled: "slate",
};

function duration(step: StepView, now: number): string | null {
  if (!step.startedAt) return null;
  return formatDuration(step.startedAt, step.finishedAt, now);
}

/** A step's name as a question's object: without its own trailing question mark. */
const named = (text: string) => `"${text.replace(/[?\s]+$/, "")}"`;

type Props = {
  step: StepView;
  selected: boolean;
  canDrive: boolean;
  /** A canary's gate: the weight its promotion sends traffic to (the next stage's). */
  promoteTo?: number | null;
  onSelect: () => void;
  onAction: (action: "retry" | "skip" | "continue", confirmMessage: string) => void;
};

export function StepRow({ step, selected, canDrive, promoteTo = null, onSelect, onAction }: Props) {
  const now = useNow(1_000);
  const stopped = step.status === "interrupted" || step.status === "failed";
  return (
    <li
      data-testid="run-step"
      data-status={step.status}
      className={`rounded-md border px-3 py-2 text-sm ${selected ? "border-indigo-400 bg-indigo-50" : "border-slate-200 bg-white"}`}
    >
      <button type="button" onClick={onSelect} className="flex w-full items-start gap-2 text-left">
        <span className="text-xs leading-5 text-slate-600">{step.position + 1}.</span>
        <span className="min-w-0 flex-1 break-words" data-testid="run-step-name">
          {step.text || step.kind}
        </span>
        <Badge tone={STEP_TONE[step.status] ?? "slate"}>{step.status}</Badge>
      </button>
      <p className="mt-1 flex gap-3 text-xs text-slate-600">
        <span>{step.kind}</span>
        {duration(step, now) && (
          <span data-testid="run-step-duration">{step.status === "waiting" ? `waiting ${duration(step, now)}` : duration(step, now)}</span>
        )}
        {step.exitCode !== null && <span>exit {step.exitCode}</span>}
        {step.attempts > 1 && <span>attempt {step.attempts}</span>}
        {step.paused && <span className="font-medium text-amber-900">paused by {step.paused.by}</span>}
        {step.status === "skipped" && step.result?.promotedToFull && <span>skipped: promoted to full by {step.result.skippedBy}</span>}
      </p>
      {step.result?.checks && (
        <ul className="mt-1 space-y-0.5 text-xs">
          {step.result.checks.map((c, i) => (
            <li key={i} className={c.ok ? "text-emerald-700" : "text-rose-700"}>
              {c.ok ? "✓" : "✗"} {c.name}: expected {c.expected}, got {c.got}
            </li>
          ))}
        </ul>
      )}
      {canDrive && (stopped || (step.kind === "gate" && step.status === "waiting")) && (
        <div className="mt-2 flex gap-2">
          {step.kind === "gate" && promoteTo !== null ? (
            <button
              type="button"
              className="rounded bg-indigo-600 px-2 py-1 text-xs text-white"
              onClick={() => onAction("continue", `Promote to ${promoteTo} %? The canary goes on with its next stage.`)}
            >
              Promote to {promoteTo} %
            </button>
          ) : step.kind === "gate" ? (
            <button
              type="button"
              className="rounded bg-indigo-600 px-2 py-1 text-xs text-white"
              onClick={() => onAction("continue", `Continue past the gate: ${step.text.replace(/[?\s]+$/, "")}? The run goes on with the next step.`)}
            >
              Continue
            </button>
          ) : (
            <>
              <button
                type="button"
                className="rounded bg-indigo-600 px-2 py-1 text-xs text-white"
                onClick={() => onAction("retry", `Run ${named(step.text)} again? It may already have had effects.`)}
              >
                Retry
              </button>
              <button
                type="button"
                className="rounded border border-slate-300 px-2 py-1 text-xs"
                onClick={() => onAction("skip", `Skip ${named(step.text)} and go on with the next step?`)}
              >
                Skip
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}
