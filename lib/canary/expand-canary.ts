import { WEIGHT_PLACEHOLDER, ZCanaryStep, type TCanaryStep } from "@/lib/schemas/step";

// A canary is kept in a template as one step and becomes ordinary run steps when a run is created, each
// marked with its stage and weight. The worker then runs them like any other steps: command output streams,
// a watch breach fails the run (and the automatic rollback follows), a manual promotion is a gate, and a
// crash, a retry or a skip behave exactly as they do for hand-written steps.

export type TemplateStepRow = { kind: string; text: string; config: unknown };
export type RunStepDraft = {
  position: number;
  kind: "command" | "watch" | "wait" | "gate";
  text: string;
  config: Record<string, unknown>;
  stage: number | null;
  weight: number | null;
};

/** The weight command of one stage: `{{weight}}` becomes the stage's weight, which the schema holds to an integer 1..100. */
export function weightCommand(template: string, weight: number): string {
  if (!Number.isInteger(weight) || weight < 1 || weight > 100) throw new Error(`not a canary weight: ${weight}`);
  return template.split(WEIGHT_PLACEHOLDER).join(String(weight));
}

export function canaryStageSteps(canary: TCanaryStep): Omit<RunStepDraft, "position">[] {
  const n = canary.stages.length;
  return canary.stages.flatMap((s, i) => {
    const stage = i + 1;
    const label = `Canary ${stage}/${n} (${s.weight} %)`;
    const mark = { stage, weight: s.weight };
    const steps: Omit<RunStepDraft, "position">[] = [
      {
        kind: "command",
        text: `${label}: send ${s.weight} % of traffic to the new version`,
        config: { command: weightCommand(canary.weightCommand, s.weight), ...(canary.timeoutSec ? { timeoutSec: canary.timeoutSec } : {}) },
        ...mark,
      },
    ];
    if (canary.watch) {
      const { text, ...watch } = canary.watch;
      steps.push({ kind: "watch", text: `${label}: ${text || "the metric"} holds for ${s.bakeSec} s`, config: { ...watch, durationSec: s.bakeSec }, ...mark });
    } else if (s.bakeSec > 0) {
      steps.push({ kind: "wait", text: `${label}: bake for ${s.bakeSec} s`, config: { seconds: s.bakeSec }, ...mark });
    }
    if (s.promotion === "manual") {
      const next = canary.stages[i + 1];
      steps.push({
        kind: "gate",
        text: next ? `${label}: promote to ${next.weight} %?` : `${label}: confirm the rollout at ${s.weight} %`,
        config: {},
        ...mark,
      });
    }
    return steps;
  });
}

/** A procedure's template steps as the run's steps: canaries expanded, positions renumbered 0..n-1. */
export function expandProcedureSteps(steps: TemplateStepRow[]): RunStepDraft[] {
  const out: Omit<RunStepDraft, "position">[] = steps.flatMap((s) => {
    if (s.kind !== "canary")
      return [{ kind: s.kind as RunStepDraft["kind"], text: s.text, config: (s.config ?? {}) as Record<string, unknown>, stage: null, weight: null }];
    const canary = ZCanaryStep.parse({ ...(s.config as object), kind: "canary", text: s.text });
    return canaryStageSteps(canary);
  });
  return out.map((s, position) => ({ ...s, position }));
}
