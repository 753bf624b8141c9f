import { z } from "zod";
import { ZEnvironmentName } from "@/lib/schemas/environment";

const ZEnvironment = ZEnvironmentName;
const ZTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM (24 h)");
const ZDay = z.number().int().min(0).max(6);

export const ZTimeZone = z.string().refine(isTimeZone, "an IANA time zone such as Europe/Berlin");

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Weekly: from startDay startTime to endDay endTime, wall-clock time in `timeZone` (0 = Sunday). */
export const ZRecurrence = z
  .object({ startDay: ZDay, startTime: ZTime, endDay: ZDay, endTime: ZTime, timeZone: ZTimeZone })
  .strict()
  .refine((r) => r.startDay !== r.endDay || r.startTime !== r.endTime, { message: "the window must not be empty", path: ["endTime"] });
export type TRecurrence = z.output<typeof ZRecurrence>;

const ZReason = z.string().trim().min(1).max(500);

export const ZCreateFreeze = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("one_off"),
      environment: ZEnvironment,
      reason: ZReason,
      startsAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
      endsAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    })
    .strict()
    .refine((f) => f.endsAt > f.startsAt, { message: "endsAt must be after startsAt", path: ["endsAt"] }),
  z.object({ kind: z.literal("recurring"), environment: ZEnvironment, reason: ZReason, recurrence: ZRecurrence }).strict(),
]);
export type TCreateFreeze = z.output<typeof ZCreateFreeze>;

export const ZFreezeParams = z.object({ id: z.uuid() });
export const ZFreezeListQuery = z.object({ environment: ZEnvironment.optional() }).strict();

// ---- answers ----

/** One freeze window as the API shows it; `current`: the occurrence in force now, if any. */
export const ZFreezeView = z
  .object({
    id: z.uuid(),
    environment: z.string(),
    kind: z.enum(["one_off", "recurring"]),
    reason: z.string(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    recurrence: z
      .object({ startDay: z.number().int(), startTime: z.string(), endDay: z.number().int(), endTime: z.string(), timeZone: z.string() })
      .strict()
      .nullable(),
    description: z.string(),
    active: z.boolean(),
    current: z.object({ startsAt: z.string(), endsAt: z.string() }).strict().nullable(),
    /** The occurrence in force (if any) and the next ones: a weekly window's next three, a one-off window until it ends. */
    upcoming: z.array(z.object({ startsAt: z.string(), endsAt: z.string() }).strict()),
    createdAt: z.string(),
  })
  .strict();
export type TFreezeView = z.output<typeof ZFreezeView>;

/** GET /api/freezes. */
export const ZFreezeList = z.object({ freezes: z.array(ZFreezeView) }).strict();
export type TFreezeList = z.output<typeof ZFreezeList>;

/** DELETE /api/freezes/:id: the window that was removed. */
export const ZFreezeDeleted = z.object({ deleted: ZFreezeView }).strict();
export type TFreezeDeleted = z.output<typeof ZFreezeDeleted>;
