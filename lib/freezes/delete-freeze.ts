import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { appendToOpenReleases } from "@/lib/events/append-to-open-releases";
import { toFreezeView } from "@/lib/freezes/freeze-view";
import type { TFreezeDeleted } from "@/lib/schemas/freeze";

export async function deleteFreeze(id: string, caller: Caller): Promise<TFreezeDeleted> {
  return db().$transaction(async (tx) => {
    const [w] = await tx.freezeWindow.findMany({ where: { id } });
    if (!w) throw new AppError("NOT_FOUND", "Freeze window not found");
    await tx.freezeWindow.delete({ where: { id } });
    const view = toFreezeView(w);
    await appendToOpenReleases(
      tx,
      { environment: w.environment },
      {
        type: "freeze.deleted",
        actorId: caller.id,
        payload: { freezeId: w.id, environment: w.environment, kind: w.kind, reason: w.reason, window: view.description },
      },
    );
    return { deleted: view };
  });
}
