import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Moves one environment to `position` (0-based; past the end means last) and renumbers the others 0, 1, 2 ... so the
 * order stays a plain list. The rows are locked first: two admins reordering at once take turns.
 */
export async function placeEnvironment(tx: Prisma.TransactionClient, name: string, position: number | undefined) {
  const rows = await tx.$queryRaw<{ name: string; position: number }[]>`
    SELECT name, position FROM "Environment" ORDER BY position, name FOR UPDATE`;
  const others = rows.filter((r) => r.name !== name);
  const at = Math.min(position ?? others.length, others.length);
  const order = [...others.slice(0, at).map((r) => r.name), name, ...others.slice(at).map((r) => r.name)];
  const current = new Map(rows.map((r) => [r.name, r.position]));
  for (const [i, n] of order.entries()) if (current.get(n) !== i) await tx.environment.update({ where: { name: n }, data: { position: i } });
}
