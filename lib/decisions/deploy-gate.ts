import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureKind, ReleaseStatus } from "@/lib/generated/prisma/enums";
import { assertAllowed, assertEnvironmentAllowed, releaseEvent, startEvent } from "@/lib/releases/lifecycle";
import { assertPromoted } from "@/lib/releases/promotion";
import { entryOf, loadPath, movePath } from "@/lib/releases/release-path";
import { isGatedRun } from "@/lib/runs/target-change";
import { appendEvent } from "@/lib/events/append-event";
import { getReadiness } from "@/lib/decisions/readiness";
import { assertPlanApproved } from "@/lib/decisions/plan-approval";

/** What the person is doing to the target: starting a run, or going on with one of its steps. */
export type GatedAction = "start" | "retry" | "skip" | "continue" | "resume" | "promote";

const DOING: Record<GatedAction, string> = {
  start: "start this run",
  retry: "retry this step",
  skip: "skip this step",
  continue: "continue past this gate",
  resume: "resume this bake",
  promote: "promote this canary to full",
};

/**
 * Throws 409 NOT_READY with the blockers unless the release is ready (its checklist, its approvals, no no-go, no
 * freeze), and STALE_PLAN when what is missing are gos given to an earlier plan. `caller` is about to act on the
 * target, so their own go does not count (readiness.ts actingDriverId). An admin may go ahead anyway with a
 * reason: that is recorded as a `deploy.override` event (in `tx` when given, else its own transaction). Returns
 * what happened so the caller can store it on the run.
 */
export async function assertDeployAllowed(
  releaseId: string,
  caller: Caller,
  override?: { reason: string },
  tx?: Prisma.TransactionClient,
  action: GatedAction = "start",
  environment?: string,
) {
  const client = tx ?? db();
  const readiness = await getReadiness(releaseId, client, new Date(), { actingDriverId: caller.id, environment });
  if (readiness.ready) return { ready: true as const, overridden: false as const, blockers: [] };
  const reason = override?.reason?.trim();
  if (!reason) {
    assertPlanApproved(readiness);
    throw new AppError("NOT_READY", `The release is not ready, so you cannot ${DOING[action]}: ${readiness.blockers.join(" ")}`, {
      blockers: readiness.blockers,
    });
  }
  if (caller.role !== "admin")
    throw new AppError("FORBIDDEN", "Only an admin can change a target of a release that is not ready", { blockers: readiness.blockers });
  const record = (t: Prisma.TransactionClient) =>
    appendEvent(t, releaseId, { type: "deploy.override", actorId: caller.id, payload: { reason, blockers: readiness.blockers, action } });
  await (tx ? record(tx) : db().$transaction(record));
  return { ready: false as const, overridden: true as const, blockers: readiness.blockers };
}

/** `environment`: where the run runs, one of the release's path (default: where the release is now). */
type GatedRun = { kind: ProcedureKind; steps: readonly { kind: string; config?: unknown }[]; environment?: string };

/**
 * The one gate for every action that can change a target, at the moment it happens: starting a run (start-run.ts),
 * retrying or skipping one of its steps, continuing one of its gates (step-action.ts). Inside the writer's
 * transaction and under the release's row lock (FOR NO KEY UPDATE, the lock every writer of the release commits
 * under), so what it checked still holds when the writer commits:
 *
 * 1. the lifecycle must allow the run's kind in the release's status and in its environment's state on the path
 *    (409 LIFECYCLE: a rollback only after a deploy started there, nothing on a final release);
 * 2. a deploy follows the promotion path (lib/releases/promotion.ts assertPromoted): 409 NOT_PROMOTED while the
 *    environment before it is not deployed and verified, 409 WAITING during its waitMinutes; no override;
 * 3. a run that can change a target (lib/runs/target-change.ts: deploy, custom, a check with a command) needs the
 *    release ready (409 NOT_READY with the blockers), or an admin's override with a reason. Rollback is never gated.
 *
 * Readiness is evaluated for the run's environment (its protection rules, its freezes).
 *
 * Returns the status the release is in, the one the lifecycle moves it to, and the environment's state.
 */
export async function gateTargetChange(
  tx: Prisma.TransactionClient,
  releaseId: string,
  run: GatedRun,
  action: GatedAction,
  caller: Caller | null,
  override?: { reason: string },
) {
  const [row] = await tx.$queryRaw<
    { status: ReleaseStatus; environment: string }[]
  >`SELECT status::text AS status, environment FROM "Release" WHERE id = ${releaseId}::uuid FOR NO KEY UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "Release not found");
  const environment = run.environment ?? row.environment;
  const path = await loadPath(tx, releaseId);
  const { entry, isLast } = entryOf(path, environment);
  const event = startEvent(run.kind);
  const next = assertAllowed(row.status, releaseEvent(event, isLast));
  assertEnvironmentAllowed(environment, entry.state, event);
  const result = { status: row.status, next, environment, environmentState: entry.state };
  if (run.kind === "deploy") {
    const protection = await tx.environment.findUnique({ where: { name: environment }, select: { waitMinutes: true } });
    assertPromoted(path, environment, protection?.waitMinutes ?? 0, new Date());
  }
  if (!isGatedRun(run.kind, run.steps)) return { ...result, overridden: false };
  // Only a person can be held to readiness; the system itself starts nothing but automatic rollbacks.
  if (!caller) throw new AppError("FORBIDDEN", "Only a person can start a run that changes a target");
  const verdict = await assertDeployAllowed(releaseId, caller, override, tx, action, environment);
  return { ...result, overridden: verdict.overridden };
}

/** A run that exists already, going on after a person's action (retry, skip, continue, resume, promote to full). */
type ExistingRun = { id: string; releaseId: string; procedureKind: ProcedureKind; steps: GatedRun["steps"]; environment: string };

/** `gateTargetChange` for a run going on: gated as its start was, at this moment. */
export function gateRunGoingOn(tx: Prisma.TransactionClient, run: ExistingRun, action: GatedAction, caller: Caller, override?: { reason: string }) {
  return gateTargetChange(tx, run.releaseId, { kind: run.procedureKind, steps: run.steps, environment: run.environment }, action, caller, override);
}

/** Moves the release's path as the run's start does (a deploy going on is deploying again), after the action's event. */
export function moveForRunGoingOn(tx: Prisma.TransactionClient, run: ExistingRun, status: ReleaseStatus, actorId: string) {
  return movePath(tx, { releaseId: run.releaseId, status, environment: run.environment, event: startEvent(run.procedureKind), runId: run.id, actorId });
}
