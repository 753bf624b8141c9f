import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toFreezeView } from "@/lib/freezes/freeze-view";
import type { TFreezeList } from "@/lib/schemas/freeze";

/** Every freeze window (optionally of one environment), with whether it is in force now. */
export async function listFreezes({ environment }: { environment?: string }, now = new Date()): Promise<TFreezeList> {
  const rows = await db().freezeWindow.findMany({ where: environment ? { environment } : undefined, orderBy: [{ environment: "asc" }, { createdAt: "asc" }] });
  return { freezes: rows.map((w) => toFreezeView(w, now)) };
}

/** The first window of `environment` in force at `at`, if any. */
export async function activeFreeze(client: Prisma.TransactionClient, environment: string, at = new Date()) {
  const rows = await client.freezeWindow.findMany({ where: { environment }, orderBy: { createdAt: "asc" } });
  const active = rows.map((w) => toFreezeView(w, at)).filter((w) => w.active);
  // The one that lasts longest is the one that matters to someone waiting for it to end.
  return active.sort((a, b) => b.current!.endsAt.localeCompare(a.current!.endsAt))[0] ?? null;
}
