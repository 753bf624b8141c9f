import "server-only";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import type { TCreateFreeze, TFreezeView } from "@/lib/schemas/freeze";
import { appendToOpenReleases } from "@/lib/events/append-to-open-releases";
import { toFreezeView } from "@/lib/freezes/freeze-view";

/** Adds a freeze window; every open release of that environment records it in its history. */
export async function createFreeze(input: TCreateFreeze, caller: Caller): Promise<TFreezeView> {
  return db().$transaction(async (tx) => {
    const w = await tx.freezeWindow.create({
      data:
        input.kind === "one_off"
          ? { kind: "one_off", environment: input.environment, reason: input.reason, startsAt: input.startsAt, endsAt: input.endsAt, createdById: caller.id }
          : { kind: "recurring", environment: input.environment, reason: input.reason, recurrence: input.recurrence, createdById: caller.id },
    });
    const view = toFreezeView(w);
    await appendToOpenReleases(
      tx,
      { environment: w.environment },
      {
        type: "freeze.created",
        actorId: caller.id,
        payload: { freezeId: w.id, environment: w.environment, kind: w.kind, reason: w.reason, window: view.description },
      },
    );
    return view;
  });
}
