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
