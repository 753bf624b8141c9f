import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EnvironmentAuditType, TEnvironmentAudit, TEnvironmentAuditQuery } from "@/lib/schemas/environment";

type AuditEntry = { environment: string; type: EnvironmentAuditType; actorId: string | null; payload?: Prisma.InputJsonObject };

/**
 * Records one change to an environment or a secret in the global audit log, inside the writer's transaction. Payloads
 * name what changed (variable and secret names, protection before and after), never a secret's value.
 */
export async function recordEnvironmentAudit(tx: Prisma.TransactionClient, entry: AuditEntry) {
  await tx.environmentAuditEvent.create({ data: { environment: entry.environment, type: entry.type, actorId: entry.actorId, payload: entry.payload ?? {} } });
}

/** The log, newest first, optionally of one environment (also of a deleted one: rows keep the name). */
export async function listEnvironmentAudit({ environment, limit }: TEnvironmentAuditQuery): Promise<TEnvironmentAudit> {
  const rows = await db().environmentAuditEvent.findMany({ where: environment ? { environment } : undefined, orderBy: { id: "desc" }, take: limit });
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const actors = new Map((await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]));
  return {
    events: rows.map((r) => ({
      id: String(r.id),
      environment: r.environment,
      type: r.type,
      at: r.at.toISOString(),
      actor: r.actorId ? (actors.get(r.actorId) ?? { id: r.actorId, name: "(deleted user)", email: null }) : null,
      payload: r.payload,
    })),
  };
}
