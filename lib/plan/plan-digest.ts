// What a go approves: the release's runnable plan, reduced to what a run does with it, and its SHA-256.
// Ids and positions are left out (the order says the position), so re-adding a deleted step as it was gives the
// plan its old digest back, and a copy of a template's plan has the same digest on every release.
import crypto from "node:crypto";
import canonicalize from "canonicalize";

/** How the default pipeline (for environments without one of their own) is named in a plan and in the API. */
export const DEFAULT_PIPELINE = "*";

export type PlanStep = { kind: string; text: string; config: unknown };
/**
 * `pipeline`: the environment whose deploy pipeline the procedure is part of ("*": the default pipeline, for
 * environments without their own), and its place there; absent: unbound.
 */
export type PlanProcedure = { name: string; kind: string; pipeline?: { environment: string; position: number }; steps: PlanStep[] };
type ProcedureRow = {
  name: string;
  kind: string;
  environment?: string | null;
  pipelinePosition?: number | null;
  steps: { kind: string; text: string; config: unknown }[];
};
export type PlanSnapshot = { procedures: PlanProcedure[] };

/** Rows as Prisma returns them (ordered by position) to the snapshot a digest is taken of. */
// A deploy runs an environment's whole pipeline, so which procedures make it, and in what order, is part of what a
// go approves. Unbound procedures add no key: a plan without pipelines keeps the digest it always had.
export function toPlanSnapshot(procedures: ProcedureRow[]): PlanSnapshot {
  return {
    procedures: procedures.map((p) => ({
      name: p.name,
      kind: p.kind,
      ...(p.environment || (p.pipelinePosition !== null && p.pipelinePosition !== undefined)
        ? { pipeline: { environment: p.environment ?? DEFAULT_PIPELINE, position: p.pipelinePosition ?? 0 } }
        : {}),
      steps: p.steps.map((s) => ({ kind: s.kind, text: s.text, config: s.config ?? {} })),
    })),
  };
}

/** SHA-256 (hex) over RFC 8785 canonical JSON: the same plan gives the same digest on any machine. */
export function planDigest(plan: PlanSnapshot): string {
  // The version prefix lets a later change of the snapshot's shape never collide with today's digests.
  return crypto
    .createHash("sha256")
    .update(canonicalize({ v: 1, procedures: plan.procedures })!)
    .digest("hex");
}

/** What the page shows beside a vote, like a short commit SHA. */
export const shortDigest = (digest: string) => digest.slice(0, 8);
