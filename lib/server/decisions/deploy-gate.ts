import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureKind } from "@/lib/generated/prisma/enums";
import { appendEvent } from "@/lib/server/events/append-event";
import { getReadiness } from "@/lib/server/decisions/readiness";
import { assertPlanApproved } from "@/lib/server/decisions/plan-approval";

/** Only deploys wait for the plan; smoke tests and rollbacks must always be possible. */
export const GATED_KINDS: readonly ProcedureKind[] = ["deploy"];

/**
 * Throws 409 NOT_READY with the blockers unless the release is ready to deploy (STALE_PLAN when what is missing
 * are gos given to an earlier plan). An admin may deploy anyway
 * with a reason: that is recorded as a `deploy.override` event (in `tx` when given, else its own transaction).
 * Returns what happened so the caller can store it on the run.
 */
export async function assertDeployAllowed(releaseId: string, caller: Caller, override?: { reason: string }, tx?: Prisma.TransactionClient) {
  const client = tx ?? db();
  const readiness = await getReadiness(releaseId, client);
  if (readiness.ready) return { ready: true as const, overridden: false as const, blockers: [] };
  const reason = override?.reason?.trim();
  if (!reason) {
    assertPlanApproved(readiness);
    throw new AppError("NOT_READY", `The release is not ready to deploy: ${readiness.blockers.join(" ")}`, { blockers: readiness.blockers });
  }
  if (caller.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin can deploy a release that is not ready", { blockers: readiness.blockers });
  const record = (t: Prisma.TransactionClient) => appendEvent(t, releaseId, { type: "deploy.override", actorId: caller.id, payload: { reason, blockers: readiness.blockers } });
  await (tx ? record(tx) : db().$transaction(record));
  return { ready: false as const, overridden: true as const, blockers: readiness.blockers };
}

/** The gate for any run: deploys are held to readiness, everything else passes. */
export async function assertRunAllowed(kind: ProcedureKind, releaseId: string, caller: Caller, override?: { reason: string }, tx?: Prisma.TransactionClient) {
  if (!GATED_KINDS.includes(kind)) return { ready: true as const, overridden: false as const, blockers: [] };
  return assertDeployAllowed(releaseId, caller, override, tx);
}
