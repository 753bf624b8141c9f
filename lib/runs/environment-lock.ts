import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function describeLockHolder(environment: string) {
  const lock = await db().environmentLock.findUnique({
    where: { environment },
    include: { run: { include: { release: { select: { name: true, version: true } }, requestedBy: { select: { name: true } } } } },
  });
  if (!lock) return null;
  const { run } = lock;
  const who = run.requestedBy?.name ?? "Countdown (automatic)";
  return {
    runId: run.id,
    summary: `run ${run.id} (${run.procedureName} of ${run.release.name} ${run.release.version}, ${run.status.replace("_", " ")}, started by ${who})`,
  };
}

export async function releaseEnvironmentLock(tx: Prisma.TransactionClient, runId: string) {
  await tx.environmentLock.deleteMany({ where: { runId } });
}
