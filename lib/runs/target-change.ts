// Which runs can change a target, and so wait for the release to be ready (deploy-gate.ts). Decided by what the
// steps can do, not by what the procedure is called: a deploy command placed in a "verify" procedure is still a
// deploy command. Pure: the gate, the pages and the tests read the same rule.
import type { ProcedureKind, StepKind } from "@/lib/generated/prisma/enums";

/** HTTP methods that only read (RFC 9110 "safe" methods). */
const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"];

type Step = { kind: StepKind | string; config?: unknown };

/** A shell command or a canary can do anything; an HTTP request that is not GET/HEAD/OPTIONS can write. */
export function stepCanChangeTarget(step: Step): boolean {
  if (step.kind === "wait" || step.kind === "gate" || step.kind === "watch") return false;
  if (step.kind === "http") {
    const method = (step.config as { request?: { method?: unknown } } | null)?.request?.method;
    return typeof method !== "string" || !SAFE_METHODS.includes(method.toUpperCase());
  }
  return true;
}

/**
 * Whether starting (or going on with) a run of this procedure is gated by readiness. A rollback never is: it is the
 * way out. A deploy or custom procedure always is. A smoke or verify check is gated only when one of its steps can
 * change the target; a check that only reads (HTTP GET, waits, watches) runs at any time, as a pre-flight check.
 */
export function isGatedRun(kind: ProcedureKind, steps: readonly Step[]): boolean {
  if (kind === "rollback") return false;
  if (kind === "deploy" || kind === "custom") return true;
  return steps.some(stepCanChangeTarget);
}
