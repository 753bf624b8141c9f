import "server-only";
import { trainDates } from "@/lib/calendar/train";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TSaveTrainSchedule, TTrainScheduleSaved } from "@/lib/schemas/train";
import { withTemplateVersion } from "@/lib/templates/edit/with-template-version";

export const NEXT_TRAINS = 5;

/** Sets or clears the template's release train (409 when `version` is stale); answers with the next departures. */
export async function saveTrainSchedule(templateId: string, input: TSaveTrainSchedule, now = new Date()): Promise<TTrainScheduleSaved> {
  return withTemplateVersion(templateId, input.version, async (tx) => {
    await tx.template.update({ where: { id: templateId }, data: { schedule: input.schedule ?? Prisma.DbNull } });
    return { schedule: input.schedule, nextTrains: input.schedule ? trainDates(input.schedule, now, NEXT_TRAINS).map((d) => d.toISOString()) : [] };
  });
}
