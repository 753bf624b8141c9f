import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Takes the release's row lock (the same one appendEvent takes) for the rest of the transaction, so reads of
 * its decisions that follow see every earlier decision and none can slip in before this one is written.
 */
export async function lockRelease(tx: Prisma.TransactionClient, releaseId: string) {
  const [row] = await tx.$queryRaw<{ id: string; status: string; createdById: string; managerId: string | null }[]>`
    SELECT id, status::text AS status, "createdById", "managerId" FROM "Release" WHERE id = ${releaseId}::uuid FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "Release not found");
  return row;
}
