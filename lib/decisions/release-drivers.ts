import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Driver } from "@/lib/decisions/eligibility";

/**
 * Everyone who ticked one of the release's required checklist items (ever: the item.checked events, so unticking
 * or someone else's later tick does not clear it) or started one of its runs. None of them may decide on it.
 */
export async function releaseDrivers(client: Prisma.TransactionClient, releaseId: string): Promise<Driver[]> {
  return client.$queryRaw<Driver[]>`
    SELECT DISTINCT e."actorId"::text AS "userId", 'ticked' AS why
    FROM "Event" e JOIN "ReleaseItem" i ON i."releaseId" = e."releaseId" AND i.id::text = e.payload->>'itemId'
    WHERE e."releaseId" = ${releaseId}::uuid AND e.type = 'item.checked' AND i.required AND e."actorId" IS NOT NULL
    UNION
    SELECT DISTINCT r."requestedById"::text, 'ran'
    FROM "Run" r WHERE r."releaseId" = ${releaseId}::uuid AND r."requestedById" IS NOT NULL`;
}
