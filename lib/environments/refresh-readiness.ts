import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordReadiness } from "@/lib/decisions/record-readiness";

/** After an environment's requiredGoes changes, its scheduled and ready releases may have flipped: record that. */
export async function refreshReadiness(tx: Prisma.TransactionClient, environment: string, actorId: string) {
  const releases = await tx.release.findMany({ where: { environment, status: { in: ["scheduled", "ready"] } }, select: { id: true }, orderBy: { id: "asc" } });
  for (const r of releases) await recordReadiness(tx, r.id, actorId);
}
