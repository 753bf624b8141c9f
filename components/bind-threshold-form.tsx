"use client";

import { useState } from "react";
import { WatchFields, watchConfig, watchDraft, type WatchDraft } from "@/components/watch-fields";
import type { ProcedureView } from "@/components/template-procedures";
import { healthyCondition } from "@/lib/runbook/threshold-rules";
import type { TThresholdRule } from "@/lib/schemas/runbook";

export type ThresholdView = {
  metric: string;
  warning: string | null;
  critical: string | null;
  action: string | null;
  healthyWhen?: string | null;
  rule?: TThresholdRule | null;
};
type Edit = (e: { method: "POST" | "PATCH" | "DELETE"; path: string; body?: Record<string, unknown> }) => void;

const input = "rounded border border-slate-300 px-2 py-1";

function draftFor(t: ThresholdView): WatchDraft {
  const rule = t.rule!;
  const healthy = healthyCondition(rule);
  const interval = 10;
  // "> 1% for 5 minutes": the run fails once the breach has lasted that long, i.e. after that many samples.
  const failAfter = rule.forSec ? Math.max(1, Math.ceil(rule.forSec / interval)) : 1;
  return {
    ...watchDraft(),
    text: t.metric,
    op: healthy.op,
    value: String(healthy.value),
    unit: rule.unit,
    intervalSec: String(interval),
    failAfter: String(failAfter),
  };
}

/**
 * Bind a threshold to a metric: pick one of the template's thresholds, say where the number is read, and it becomes
 * a watch (the watch of a deploy procedure's canary, or a new watch step in it) holding the threshold's operator,
 * value and unit (a breach rule is turned around: "> 1%" is healthy while <= 1).
 */
export function BindThresholdForm({
  thresholds,
  procedures,
  busy,
  edit,
}: {
  thresholds: ThresholdView[];
  procedures: ProcedureView[];
  busy: boolean;
  edit: Edit;
}) {
  const bindable = thresholds.map((t, i) => ({ t, i })).filter(({ t }) => t.rule);
  const deploys = procedures.filter((p) => p.kind === "deploy");
  const targets = deploys.flatMap((p) => {
    const canary = p.steps.find((s) => s.kind === "canary");
    return [
      ...(canary ? [{ key: `canary:${canary.id}`, label: `the canary of "${p.name}"`, procedure: p, canary }] : []),
      { key: `step:${p.id}`, label: `a new watch step in "${p.name}"`, procedure: p, canary: undefined },
    ];
  });
  const [picked, setPicked] = useState<number | null>(null);
  const [target, setTarget] = useState(targets[0]?.key ?? "");
  const [draft, setDraft] = useState<WatchDraft | null>(null);
  if (bindable.length === 0 || targets.length === 0) return null;

  function pick(index: string) {
    const i = index === "" ? null : Number(index);
    setPicked(i);
    setDraft(i === null ? null : draftFor(thresholds[i]));
  }
  function submit() {
    const chosen = targets.find((t) => t.key === target);
    if (!chosen || !draft) return;
    if (chosen.canary) {
      const { id: _id, kind: _kind, text, ...config } = chosen.canary as Record<string, unknown>;
      edit({ method: "PATCH", path: `/steps/${chosen.canary.id}`, body: { text, config: { ...config, watch: { text: draft.text, ...watchConfig(draft) } } } });
    } else {
      edit({
        method: "POST",
        path: "/steps",
        body: { procedureId: chosen.procedure.id, kind: "watch", text: `${draft.text} holds`, config: watchConfig(draft, true) },
      });
    }
    setPicked(null);
    setDraft(null);
  }

  return (
    <form
      className="mt-3 space-y-2 rounded-lg border border-slate-200 bg-white p-3 text-xs"
      aria-label="Bind a threshold to a metric"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <p className="font-medium text-sm">Bind a threshold to a metric</p>
      <div className="flex flex-wrap items-center gap-2">
        <select aria-label="Threshold" value={picked ?? ""} onChange={(e) => pick(e.target.value)} className={input}>
          <option value="">Pick a threshold…</option>
          {bindable.map(({ t, i }) => (
            <option key={i} value={i}>
              {t.metric}: {t.rule!.breach ? "breach when" : "healthy while"} {t.rule!.op} {t.rule!.value}
              {t.rule!.unit}
              {t.rule!.forSec ? ` for ${t.rule!.forSec / 60} min` : ""}
            </option>
          ))}
        </select>
        as
        <select aria-label="Bind to" value={target} onChange={(e) => setTarget(e.target.value)} className={input}>
          {targets.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      {draft && (
        <>
          <WatchFields draft={draft} onChange={setDraft} withDuration={!target.startsWith("canary:")} />
          <button
            type="submit"
            className="rounded bg-indigo-600 px-2 py-1 text-white disabled:opacity-40"
            disabled={busy || !draft.url.trim() || !draft.pathOrQuery.trim()}
          >
            Bind
          </button>
        </>
      )}
    </form>
  );
}
