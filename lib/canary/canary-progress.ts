// The stages of a canary run as people see them, derived from the run's steps (their stage marks and
// statuses): shared by the run page, the release page and the stakeholder timeline.

export type CanaryStageState = "pending" | "baking" | "waiting" | "promoted" | "failed";
export type CanaryStepLike = { stage: number | null; weight: number | null; kind: string; status: string };
export type CanaryProgress = { stages: { stage: number; weight: number; state: CanaryStageState }[]; currentWeight: number };

export const STAGE_LABEL: Record<CanaryStageState, string> = {
  pending: "pending",
  baking: "baking",
  waiting: "waiting for promotion",
  promoted: "promoted",
  failed: "failed",
};

function stageState(steps: CanaryStepLike[]): CanaryStageState {
  const statuses = steps.map((s) => s.status);
  if (statuses.some((s) => s === "failed" || s === "interrupted" || s === "cancelled")) return "failed";
  if (steps.some((s) => s.kind === "gate" && s.status === "waiting")) return "waiting";
  if (statuses.every((s) => s === "succeeded" || s === "skipped")) return "promoted";
  if (statuses.every((s) => s === "pending")) return "pending";
  return "baking";
}

/** Null when the run has no canary steps. `currentWeight`: the weight of the last stage whose weight command succeeded. */
export function canaryProgress(steps: CanaryStepLike[]): CanaryProgress | null {
  const byStage = new Map<number, CanaryStepLike[]>();
  for (const s of steps) if (s.stage !== null) byStage.set(s.stage, [...(byStage.get(s.stage) ?? []), s]);
  if (byStage.size === 0) return null;
  const stages = [...byStage.entries()].sort(([a], [b]) => a - b).map(([stage, group]) => ({ stage, weight: group[0].weight ?? 0, state: stageState(group) }));
  let currentWeight = 0;
  for (const [, group] of byStage) {
    const set = group.find((s) => s.kind === "command");
    if (set && (set.status === "succeeded" || set.status === "skipped")) currentWeight = Math.max(currentWeight, set.weight ?? 0);
  }
  return { stages, currentWeight };
}
