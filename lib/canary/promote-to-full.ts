// What "promote to full" skips (lib/runs/rollout-controls.ts): pure, unit-tested. A run may hold more than one
// canary; the one meant is the run of consecutive canary steps (steps with a stage) around the current step.

export type CanaryRunStep = { id: string; position: number; stage: number | null; weight: number | null; status: string; text: string; kind: string };

const UNFINISHED = ["pending", "waiting", "running"];

/**
 * From the step at `position` on, every unfinished step of the canary's stages before its last one; the last
 * stage (its weight command and its bake) runs as planned. `fromWeight`: the current stage's weight; `toWeight`:
 * the last stage's (100 % for a canary that ends at full traffic).
 */
export function promotionSkips(steps: readonly CanaryRunStep[], position: number) {
  const ordered = [...steps].sort((a, b) => a.position - b.position);
  const at = ordered.findIndex((s) => s.position === position);
  if (at < 0 || ordered[at].stage === null) return { skip: [], fromWeight: 0, toWeight: 0 };
  let first = at;
  while (first > 0 && ordered[first - 1].stage !== null && ordered[first - 1].stage! <= ordered[first].stage!) first--;
  let last = at;
  while (last < ordered.length - 1 && ordered[last + 1].stage !== null && ordered[last + 1].stage! >= ordered[last].stage!) last++;
  const canary = ordered.slice(first, last + 1);
  const lastStage = Math.max(...canary.map((s) => s.stage!));
  const toWeight = canary.find((s) => s.stage === lastStage)?.weight ?? 100;
  const skip = ordered.slice(at, last + 1).filter((s) => s.stage! < lastStage && UNFINISHED.includes(s.status));
  return { skip, fromWeight: ordered[at].weight ?? 0, toWeight };
}
