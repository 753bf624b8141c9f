import { STAGE_LABEL, type CanaryProgress, type CanaryStageState } from "@/lib/canary/canary-progress";

const FILL: Record<CanaryStageState, string> = {
  pending: "bg-slate-100",
  baking: "bg-indigo-400 animate-pulse",
  waiting: "bg-amber-400",
  promoted: "bg-emerald-500",
  failed: "bg-rose-500",
};

/**
 * A canary's stages as one bar: each segment is a stage, as wide as the traffic it adds, coloured by its state;
 * the label says the weight the new version has now and what the stage in play is doing.
 */
export function CanaryProgressBar({ canary, compact = false }: { canary: CanaryProgress; compact?: boolean }) {
  const active = canary.stages.find((s) => s.state !== "promoted") ?? canary.stages[canary.stages.length - 1];
  return (
    <div data-testid="canary-progress" data-weight={canary.currentWeight} className={compact ? "mt-1" : "rounded-md border border-slate-200 bg-white p-3"}>
      <p className="flex flex-wrap gap-x-3 text-xs text-slate-600">
        <span className="font-medium text-slate-800" data-testid="canary-weight">
          Canary at {canary.currentWeight} %
        </span>
        <span>
          stage {active.stage}/{canary.stages.length} ({active.weight} %): {STAGE_LABEL[active.state]}
        </span>
      </p>
      {/* divs, not list items: the bar sits inside lists of runs, whose items tests and screen readers count. */}
      <div className="mt-1 flex h-3 w-full overflow-hidden rounded-full bg-slate-100" role="group" aria-label="Canary stages">
        {canary.stages.map((s, i) => {
          const width = s.weight - (i > 0 ? canary.stages[i - 1].weight : 0);
          return (
            <div
              key={s.stage}
              data-testid="canary-stage"
              data-state={s.state}
              title={`stage ${s.stage}: ${s.weight} % — ${STAGE_LABEL[s.state]}`}
              style={{ width: `${width}%` }}
              className={`h-full border-r border-white last:border-r-0 ${FILL[s.state]}`}
            >
              <span className="sr-only">
                stage {s.stage}, {s.weight} %: {STAGE_LABEL[s.state]}
              </span>
            </div>
          );
        })}
      </div>
      {!compact && (
        <div className="mt-1 flex w-full text-[11px] text-slate-500" aria-hidden>
          {canary.stages.map((s, i) => (
            <span key={s.stage} style={{ width: `${s.weight - (i > 0 ? canary.stages[i - 1].weight : 0)}%` }} className="truncate text-right">
              {s.weight} % · {STAGE_LABEL[s.state]}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
