// Each sample of a watch step is kept on the step (its result holds the series the charts draw) and announced
// as an event, so every open page, the stakeholders' timeline included, redraws at once. Samples carry numbers
// and times only: never the metric's URL or query.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendEvent } from "@/lib/events/append-event";
import type { WatchSample } from "@/lib/schemas/step";

export async function recordSample(run: { id: string; releaseId: string }, stepId: string, sample: WatchSample): Promise<void> {
  await db().$transaction(async (tx) => {
    const step = await tx.runStep.findUniqueOrThrow({ where: { id: stepId }, select: { result: true } });
    const samples = [...((step.result as { samples?: WatchSample[] } | null)?.samples ?? []), sample];
    await tx.runStep.update({ where: { id: stepId }, data: { result: { samples } as unknown as Prisma.InputJsonObject } });
    await appendEvent(tx, run.releaseId, { type: "step.sample", actorId: null, payload: { runId: run.id, stepId, ...sample } as Prisma.InputJsonObject });
  });
}
