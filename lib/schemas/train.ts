import { z } from "zod";
import { ZTimeZone } from "@/lib/schemas/freeze";

/**
 * A recurring release train: every `everyWeeks` weeks on `weekday` (0 = Sunday) at `time`, wall-clock time in
 * `timeZone`, counting weeks from the first such day on or after `startsOn`.
 */
export const ZTrainSchedule = z
  .object({
    everyWeeks: z.number().int().min(1).max(12),
    weekday: z.number().int().min(0).max(6),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a time as HH:MM (24 h)"),
    timeZone: ZTimeZone,
    startsOn: z.iso.date(),
  })
  .strict();
export type TTrainSchedule = z.output<typeof ZTrainSchedule>;

/** PUT /api/templates/:id/schedule: a schedule, or null to stop the train; with the template's version. */
export const ZSaveTrainSchedule = z.object({ schedule: ZTrainSchedule.nullable(), version: z.number().int().min(1) }).strict();
export type TSaveTrainSchedule = z.output<typeof ZSaveTrainSchedule>;

/** PUT /api/templates/:id/schedule: the train, its next departures (ISO times) and the template's new version. */
export const ZTrainScheduleSaved = z.object({ schedule: ZTrainSchedule.nullable(), nextTrains: z.array(z.string()), version: z.number().int() }).strict();
export type TTrainScheduleSaved = z.output<typeof ZTrainScheduleSaved>;
