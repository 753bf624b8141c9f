import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

export const RELEASE_CHANNEL = "countdown_release";

/**
 * Wakes the web processes' stream listeners once the transaction commits (NOTIFY is delivered at commit).
 * Only a wake-up: listeners read the rows, which are the truth, and also poll every second (DESIGN.md,
 * "Processes"). The payload is just the release id; callers signal once per batch, never per line.
 */
export async function signalRelease(tx: Prisma.TransactionClient, releaseId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${RELEASE_CHANNEL}, ${releaseId})`;
}
