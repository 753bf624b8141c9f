// What the release page offers for the deploy, and what comes next, read from the lifecycle (lifecycle.ts) and the
// release's runs. Pure, so the page and its unit test agree. The server's gate (deploy-gate.ts) still decides.
import { CHECK_KINDS, isFinal, mayStart, refusal } from "@/lib/releases/lifecycle";
import type { ProcedureKind, ReleaseStatus } from "@/lib/generated/prisma/enums";

type Run = { id: string; kind: ProcedureKind; status: string; environment?: string };
/** The environment of the release's promotion path the next deploy goes to, and its state there. */
type Current = { name: string; state: "pending" | "deploying" | "verifying" | "deployed" | "failed" | "rolled_back" };
type Procedure = { name: string; kind: ProcedureKind };

export type DeployOffer =
  /** Before the deploy: the gated Deploy button. */
  | { kind: "deploy" }
  /** A deploy run is queued or running: follow it, nothing to press. */
  | { kind: "running"; runId: string }
  /** The deploy failed or was cancelled and the release is still deploying: it may be started again. */
  | { kind: "again"; runId: string }
  /** No deploy from here, and why. */
  | { kind: "none"; reason: string };

const ACTIVE = ["queued", "running", "needs-attention"];

/**
 * Runs are newest first, as the release view lists them. On a promotion path (`current` given) the offer is about the
 * current environment: a release still deploying because an earlier environment was deployed offers Deploy for the
 * next environment while that one is pending.
 */
export function deployOffer(status: ReleaseStatus, runs: readonly Run[], current?: Current): DeployOffer {
  const deploys = runs.filter((r) => r.kind === "deploy");
  const active = deploys.find((r) => ACTIVE.includes(r.status));
  if (active) return { kind: "running", runId: active.id };
  if (!mayStart(status, "deploy")) return { kind: "none", reason: refusal(status, "deploy.start")! };
  const lastDeploy = current ? deploys.find((r) => r.environment === current.name) : deploys[0];
  if (current?.state === "pending") return { kind: "deploy" };
  if (current?.state === "verifying" || current?.state === "deployed") {
    return { kind: "none", reason: `The deploy to ${current.name} succeeded: verify it there (run a smoke test) before the next environment.` };
  }
  if (status === "deploying" && lastDeploy) return { kind: "again", runId: lastDeploy.id };
  if (status === "verifying") return { kind: "none", reason: "The deploy succeeded: the release is verifying it. Deploying again is not offered here." };
  return { kind: "deploy" };
}

const names = (ps: readonly Procedure[]) => ps.map((p) => `"${p.name}"`).join(" or ");

/** One or two sentences on what comes next, from the deploy on; null before it. */
export function nextSteps(status: ReleaseStatus, procedures: readonly Procedure[]): string | null {
  const checks = procedures.filter((p) => CHECK_KINDS.includes(p.kind));
  const rollback = procedures.some((p) => p.kind === "rollback") ? " If something is wrong, roll back." : "";
  switch (status) {
    case "deploying":
      return `The deploy is under way. When it succeeds the release moves to verifying.${rollback}`;
    case "verifying":
      return checks.length
        ? `Next: verify the deploy. Run ${names(checks)}; when it succeeds, the release is released.${rollback}`
        : `Next: verify the deploy. This release has no smoke or verify procedure, so it stays verifying until one is run.${rollback}`;
    case "released":
      return "Released. This is final: nothing more runs on this release.";
    case "rolled_back":
      return "Rolled back. This is final: to ship again, create a new release.";
    case "cancelled":
      return "Cancelled. This is final: to ship, create a new release.";
    default:
      return isFinal(status) ? "This release is final." : null;
  }
}
