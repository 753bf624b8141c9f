"use client";

import { useState } from "react";
import { WatchFields, watchConfig, watchDraft, type WatchDraft, type WatchConfig } from "@/components/watch-fields";

export type CanaryStageDraft = { weight: number | string; bakeSec: number | string | null; promotion?: "auto" | "manual" };
export type CanaryConfig = {
  weightCommand?: string;
  timeoutSec?: number;
  stages?: { weight: number; bakeSec: number; promotion?: "auto" | "manual" }[];
  watch?: WatchConfig & { text?: string };
};
type Submit = (body: { text: string; config: Record<string, unknown> }) => void;

const input = "rounded border border-slate-300 px-2 py-1";
const small = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-40";

/**
 * A deploy procedure's canary: its stages (weight %, bake in seconds, automatic or manual promotion), the command
 * that sets a weight (`{{weight}}` is replaced by each stage's weight) and the metric that must hold during each
 * bake. The server validates it with the worker's own schema and answers 422 naming the field.
 */
export function CanaryForm({
  text: initialText,
  initial,
  watches,
  busy,
  onSubmit,
  onCancel,
}: {
  text?: string;
  initial?: CanaryConfig & { stages?: CanaryStageDraft[] };
  watches: { text: string; config: WatchConfig }[];
  busy: boolean;
  onSubmit: Submit;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initialText ?? "Canary rollout");
  const [command, setCommand] = useState(initial?.weightCommand ?? "");
  const [stages, setStages] = useState<CanaryStageDraft[]>(
    initial?.stages?.map((s) => ({ ...s, bakeSec: s.bakeSec ?? 300, promotion: s.promotion ?? "auto" })) ?? [
      { weight: 10, bakeSec: 300, promotion: "auto" },
      { weight: 50, bakeSec: 300, promotion: "manual" },
      { weight: 100, bakeSec: 300, promotion: "auto" },
    ],
  );
  const [withWatch, setWithWatch] = useState(initial ? !!initial.watch : true);
  const [watch, setWatch] = useState<WatchDraft>(watchDraft(initial?.watch));
  const setStage = (i: number, patch: Partial<CanaryStageDraft>) => setStages(stages.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  function submit() {
    const config: Record<string, unknown> = {
      weightCommand: command,
      ...(initial?.timeoutSec ? { timeoutSec: initial.timeoutSec } : {}),
      stages: stages.map((s) => ({ weight: Number(s.weight), bakeSec: Number(s.bakeSec), promotion: s.promotion ?? "auto" })),
      ...(withWatch ? { watch: { text: watch.text, ...watchConfig(watch) } } : {}),
    };
    onSubmit({ text, config });
  }

  return (
    <form
      className="mt-2 space-y-3 rounded border border-indigo-200 bg-indigo-50/40 p-3 text-xs"
      aria-label="Canary"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="block">
        Description <input aria-label="Canary description" value={text} onChange={(e) => setText(e.target.value)} className={`mt-1 block w-full ${input}`} />
      </label>
      <label className="block">
        Weight command (<code>{"{{weight}}"}</code> becomes each stage&apos;s percent)
        <textarea
          aria-label="Weight command"
          value={command}
          onChange={(e) => setCommand(e.target.value)}
          rows={2}
          placeholder={'kubectl patch service web -p \'{"spec":{"canary":{"weight":{{weight}}}}}\''}
          className={`mt-1 block w-full font-mono ${input}`}
        />
      </label>
      <fieldset>
        <legend className="font-medium">Stages</legend>
        <table className="mt-1">
          <thead>
            <tr className="text-left text-slate-500">
              <th className="pr-2 font-normal">weight %</th>
              <th className="pr-2 font-normal">bake (s)</th>
              <th className="pr-2 font-normal">promotion</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {stages.map((s, i) => (
              <tr key={i} data-testid="canary-stage-row">
                <td className="pr-2">
                  <input
                    aria-label={`Stage ${i + 1} weight`}
                    type="number"
                    min={1}
                    max={100}
                    value={s.weight}
                    onChange={(e) => setStage(i, { weight: e.target.value })}
                    className={`w-20 ${input}`}
                  />
                </td>
                <td className="pr-2">
                  <input
                    aria-label={`Stage ${i + 1} bake seconds`}
                    type="number"
                    min={0}
                    value={s.bakeSec ?? ""}
                    onChange={(e) => setStage(i, { bakeSec: e.target.value })}
                    className={`w-24 ${input}`}
                  />
                </td>
                <td className="pr-2">
                  <select
                    aria-label={`Stage ${i + 1} promotion`}
                    value={s.promotion ?? "auto"}
                    onChange={(e) => setStage(i, { promotion: e.target.value as "auto" | "manual" })}
                    className={input}
                  >
                    <option value="auto">automatic</option>
                    <option value="manual">manual (a gate)</option>
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className={small}
                    aria-label={`Remove stage ${i + 1}`}
                    disabled={stages.length === 1}
                    onClick={() => setStages(stages.filter((_, j) => j !== i))}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className={`${small} mt-1`} onClick={() => setStages([...stages, { weight: 100, bakeSec: 300, promotion: "auto" }])}>
          Add a stage
        </button>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="font-medium">During each bake</legend>
        <label className="block">
          <input type="checkbox" checked={withWatch} onChange={(e) => setWithWatch(e.target.checked)} /> a metric must hold (else the run fails and the rollback
          starts)
        </label>
        {withWatch && watches.length > 0 && (
          <label className="block">
            Copy a watch step of this procedure{" "}
            <select
              aria-label="Copy a watch"
              defaultValue=""
              onChange={(e) =>
                e.target.value !== "" && setWatch(watchDraft({ ...watches[Number(e.target.value)].config, text: watches[Number(e.target.value)].text }))
              }
              className={input}
            >
              <option value="">—</option>
              {watches.map((w, i) => (
                <option key={i} value={i}>
                  {w.text}
                </option>
              ))}
            </select>
          </label>
        )}
        {withWatch && <WatchFields draft={watch} onChange={setWatch} withDuration={false} />}
      </fieldset>
      <div className="flex gap-2">
        <button type="submit" className="rounded bg-indigo-600 px-2 py-1 text-white disabled:opacity-40" disabled={busy}>
          Save canary
        </button>
        <button type="button" className={small} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
