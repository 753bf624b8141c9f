import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { TTickItem } from "@/lib/schemas/release";
import { appendEvent } from "@/lib/server/events/append-event";

const CLOSED = new Set(["released", "rolled_back", "cancelled"]);

/**
 * Ticks or unticks a checklist item. The version check is part of the UPDATE's WHERE clause, so of any number
 * of concurrent ticks with the same version exactly one wins and the rest get 409.
 */
export async function tickItem(releaseId: string, itemId: string, input: TTickItem, caller: Caller) {
  return db().$transaction(async (tx) => {
    const item = await tx.releaseItem.findFirst({ where: { id: itemId, releaseId }, include: { release: { select: { status: true } } } });
    if (!item) throw new AppError("NOT_FOUND", "Checklist item not found");
    if (CLOSED.has(item.release.status)) throw new AppError("CONFLICT", `The release is ${item.release.status.replace("_", " ")}; its checklist is closed`);

    const now = new Date();
    const { count } = await tx.releaseItem.updateMany({
      where: { id: itemId, releaseId, version: input.version },
      data: {
        checked: input.checked,
        note: input.note === undefined ? undefined : input.note || null,
        checkedById: input.checked ? caller.id : null,
        checkedAt: input.checked ? now : null,
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await tx.releaseItem.findUniqueOrThrow({ where: { id: itemId }, include: { checkedBy: { select: { id: true, name: true } } } });
      throw new AppError("CONFLICT", "This item was changed by someone else; reload to see the current state", {
        field: "version",
        current: { checked: current.checked, version: current.version, checkedBy: current.checkedBy, note: current.note },
      });
    }
    const updated = await tx.releaseItem.findUniqueOrThrow({ where: { id: itemId }, include: { checkedBy: { select: { id: true, name: true } } } });
    // Last: appending the event locks the release row, which every writer of this release waits for.
    await appendEvent(tx, releaseId, {
      type: input.checked ? "item.checked" : "item.unchecked",
      actorId: caller.id,
      payload: { itemId, text: item.text, ...(input.note ? { note: input.note } : {}) },
    });
    return {
      id: updated.id,
      checked: updated.checked,
      checkedBy: updated.checkedBy,
      checkedAt: updated.checkedAt?.toISOString() ?? null,
      note: updated.note,
      version: updated.version,
    };
  });
}
