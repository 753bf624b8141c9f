import type { TParsedRunbook, TProcedureKind } from "@/lib/schemas/runbook";
import type { TStepKind } from "@/lib/schemas/step";

// What an imported runbook saves as a template's plan (save-template.ts writes it), and the comparable view of a plan
// that the round trip (export -> import) and the re-import's diff look at.

export type PlanStep = { kind: TStepKind; text: string } & Record<string, unknown>;
export type PlanItem = { text: string; details: string | null; required: boolean; ownerRole: string | null };
export type PlanDraft = {
  /** `scheduledAt`: the date a dated schedule gave the phase (ISO). */
  phases: { title: string; offsetMinutes: number | null; scheduledAt?: string | null; items: PlanItem[] }[];
  /** `environment`: the deploy pipeline it belongs to (docs/environments.md#pipelines). */
  procedures: { name: string; kind: TProcedureKind; environment?: string | null; steps: PlanStep[] }[];
  thresholds: TParsedRunbook["thresholds"];
  reminders: { offsetMinutes: number; message: string }[];
};

export function draftFromRunbook(parsed: TParsedRunbook): PlanDraft {
  return {
    phases: parsed.phases.map((p) => ({
      title: p.title,
      offsetMinutes: p.offsetMinutes,
      scheduledAt: p.scheduledAt ?? null,
      items: p.items.map((i) => ({ text: i.text, details: i.details ?? null, required: i.required, ownerRole: i.ownerRole })),
    })),
    // `line` tells the importer's user where a step came from; it is not part of a step's config.
    procedures: parsed.procedures.map((pr) => ({
      name: pr.name,
      kind: pr.kind,
      environment: pr.environment ?? null,
      steps: pr.steps.map(({ line: _line, ...step }) => step),
    })),
    thresholds: parsed.thresholds,
    // The runbook's own communication plan wins over the default reminders.
    reminders: parsed.reminders.map(({ offsetMinutes, message }) => ({ offsetMinutes, message })),
  };
}

/** A plan without ids, lines and how a threshold was found: what two imports of the same runbook agree on. */
type AnyPlan = {
  phases: PlanDraft["phases"];
  procedures: { name: string; kind: string; environment?: string | null; steps: ({ kind: string; text: string } & Record<string, unknown>)[] }[];
  thresholds?: unknown;
  reminders?: PlanDraft["reminders"] | null;
  escalation?: { level: number; afterMinutes: number; action: string }[] | null;
};

export function comparablePlan(plan: AnyPlan) {
  const thresholds = Array.isArray(plan.thresholds) ? (plan.thresholds as Record<string, unknown>[]) : [];
  return {
    phases: plan.phases.map((p) => ({
      title: p.title,
      offsetMinutes: p.offsetMinutes,
      scheduledAt: p.scheduledAt ? new Date(p.scheduledAt).toISOString() : null,
      items: p.items.map((i) => ({ text: i.text, details: i.details ?? null, required: i.required, ownerRole: i.ownerRole })),
    })),
    procedures: plan.procedures.map((pr) => ({
      name: pr.name,
      kind: pr.kind,
      // The pipeline it is bound to; its place there is its order among the procedures bound to the same one.
      environment: pr.environment ?? null,
      steps: pr.steps.map(({ id: _id, line: _line, ...step }) => step),
    })),
    thresholds: thresholds.map((t) => ({ metric: t.metric, warning: t.warning ?? null, critical: t.critical ?? null, action: t.action ?? null })),
    reminders: (plan.reminders ?? []).map(({ offsetMinutes, message }) => ({ offsetMinutes, message })),
    // A ladder is by level (the importer sorts it so).
    escalation: [...(plan.escalation ?? [])].sort((a, b) => a.level - b.level).map(({ level, afterMinutes, action }) => ({ level, afterMinutes, action })),
  };
}
