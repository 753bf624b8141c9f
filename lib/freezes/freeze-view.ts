import "server-only";
import type { FreezeWindow } from "@/lib/generated/prisma/client";
import { ZRecurrence } from "@/lib/schemas/freeze";
import { describeRecurrence, freezeOccurrenceAt, nextOccurrences, type FreezeTimes } from "@/lib/freezes/freeze-time";
import type { TFreezeView } from "@/lib/schemas/freeze";

export function freezeTimes(w: FreezeWindow): FreezeTimes {
  return w.kind === "recurring"
    ? { kind: "recurring", recurrence: ZRecurrence.parse(w.recurrence) }
    : { kind: "one_off", startsAt: w.startsAt, endsAt: w.endsAt };
}

const UPCOMING = 3;

export function toFreezeView(w: FreezeWindow, now = new Date()): TFreezeView {
  const times = freezeTimes(w);
  const current = freezeOccurrenceAt(times, now);
  return {
    id: w.id,
    environment: w.environment,
    kind: w.kind,
    reason: w.reason,
    startsAt: w.startsAt?.toISOString() ?? null,
    endsAt: w.endsAt?.toISOString() ?? null,
    recurrence: times.kind === "recurring" ? times.recurrence : null,
    description: times.kind === "recurring" ? describeRecurrence(times.recurrence) : `${w.startsAt!.toISOString()} to ${w.endsAt!.toISOString()}`,
    active: current !== null,
    current: current && { startsAt: current.startsAt.toISOString(), endsAt: current.endsAt.toISOString() },
    // The one in force (if any) and the next ones: a weekly window's next three, a one-off window until it ends.
    upcoming: nextOccurrences(times, now, UPCOMING).map((o) => ({ startsAt: o.startsAt.toISOString(), endsAt: o.endsAt.toISOString() })),
    createdAt: w.createdAt.toISOString(),
  };
}

export type FreezeView = TFreezeView;
