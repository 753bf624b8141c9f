// Which of a release's procedures a run is made of. A deploy to an environment with a pipeline (procedures of the
// plan bound to that environment, in pipelinePosition order) runs the whole pipeline as one run, its steps grouped
// by procedure; any other run is one procedure. Procedures bound to an environment belong to it: they never run
// in another one. Unbound procedures run in whichever environment is chosen. A template may also have a default
// pipeline (environment null, pipelinePosition set: an imported runbook's numbered steps that name no environment): a
// deploy runs it in an environment without a pipeline of its own. (docs/environments.md#pipelines)
import type { ProcedureKind } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { expandProcedureSteps, type RunStepDraft, type TemplateStepRow } from "@/lib/canary/expand-canary";

export type PlanProcedureRow = {
  name: string;
  kind: ProcedureKind;
  environment: string | null;
  pipelinePosition: number | null;
  steps: TemplateStepRow[];
};

/** What a run is made of: its name and kind (a pipeline is a deploy), the procedures in order, and whether it is a pipeline. */
export type RunPlan<P extends PlanProcedureRow> = { name: string; kind: ProcedureKind; procedures: P[]; pipeline: boolean };

/** The environment's pipeline: its bound procedures in order, else the default pipeline (empty: neither). */
export function pipelineOf<P extends Pick<PlanProcedureRow, "environment" | "pipelinePosition">>(procedures: readonly P[], environment: string): P[] {
  const own = procedures.filter((p) => p.environment === environment);
  const chosen = own.length > 0 ? own : procedures.filter((p) => p.environment === null && p.pipelinePosition !== null);
  return chosen.sort((a, b) => (a.pipelinePosition ?? 0) - (b.pipelinePosition ?? 0) || procedures.indexOf(a) - procedures.indexOf(b));
}

/** The kind a request asks for before its environment is known (the default environment depends on it). */
export function requestedKind(procedures: readonly PlanProcedureRow[], requested: string): ProcedureKind | null {
  const wanted = requested.toLowerCase();
  if (wanted === "deploy") return "deploy";
  return (procedures.find((p) => p.name.toLowerCase() === wanted) ?? procedures.find((p) => p.kind === wanted))?.kind ?? null;
}

/**
 * `procedure: "deploy"` in an environment with a pipeline: the pipeline. Otherwise a procedure by name, or the first
 * of that kind bound to the environment, else the first unbound one. 422 naming `procedure` when there is none or it
 * belongs to another environment's pipeline.
 */
export function resolveRunPlan<P extends PlanProcedureRow>(procedures: readonly P[], requested: string, environment: string): RunPlan<P> {
  const wanted = requested.toLowerCase();
  const pipeline = wanted === "deploy" ? pipelineOf(procedures, environment) : [];
  if (pipeline.length > 0) return { name: `${environment} pipeline`, kind: "deploy", procedures: pipeline, pipeline: true };
  const byName = procedures.find((p) => p.name.toLowerCase() === wanted);
  const byKind = procedures.filter((p) => p.kind === wanted);
  const procedure = byName ?? byKind.find((p) => p.environment === environment) ?? byKind.find((p) => p.environment === null);
  if (!procedure) {
    const names = procedures.map((p) => `${p.name} (${p.kind}${p.environment ? `, ${p.environment}` : ""})`).join(", ") || "none";
    throw new AppError("UNPROCESSABLE", `procedure: this release has no procedure "${requested}" for ${environment}; it has: ${names}`, {
      field: "procedure",
    });
  }
  if (procedure.environment !== null && procedure.environment !== environment)
    throw new AppError("UNPROCESSABLE", `procedure: "${procedure.name}" is part of ${procedure.environment}'s pipeline; it does not run in ${environment}`, {
      field: "procedure",
    });
  return { name: procedure.name, kind: procedure.kind, procedures: [procedure], pipeline: false };
}

export type PipelineStepDraft = RunStepDraft & { procedureName: string | null; procedureKind: ProcedureKind | null };

/**
 * The run's steps: each procedure's steps (canaries expanded) one after another, numbered 0..n-1 across the run. A
 * pipeline's steps carry their procedure (the run page's group headings); a single procedure's do not.
 */
export function runStepsOf(plan: RunPlan<PlanProcedureRow>): PipelineStepDraft[] {
  const steps = plan.procedures.flatMap((p) => {
    let expanded: RunStepDraft[];
    try {
      expanded = expandProcedureSteps(p.steps);
    } catch {
      throw new AppError("UNPROCESSABLE", `procedure: the canary of "${p.name}" is not valid; edit it in the release's plan`, { field: "procedure" });
    }
    return expanded.map((s) => ({ ...s, procedureName: plan.pipeline ? p.name : null, procedureKind: plan.pipeline ? p.kind : null }));
  });
  if (steps.length === 0) {
    const what = plan.pipeline ? `the ${plan.name}` : `"${plan.name}"`;
    throw new AppError("UNPROCESSABLE", `procedure: ${what} has no steps to run`, { field: "procedure" });
  }
  return steps.map((s, position) => ({ ...s, position }));
}
