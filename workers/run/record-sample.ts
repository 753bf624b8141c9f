// Each sample of a watch step is kept on the step (its result holds the series the charts draw) and announced
// as an event, so every open page, the stakeholders' timeline included, redraws at once. Samples carry numbers
// and times only: never the metric's URL or query.
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { appendEvent } from "@/lib/events/append-event";
import type { WatchSample } from "@/lib/schemas/step";

export async function recordSample(run: { id: string; releaseId: string }, stepId: string, sample: WatchSample): Promise<void> {
  await db().$transaction(async (tx) => {
    // Appended in one statement, other keys kept: a bake skipped by a promotion to full is marked so on its result
    // (lib/runs/rollout-controls.ts) while its last sample may still be coming in.
    await tx.$executeRaw`
      UPDATE "RunStep" SET result = jsonb_set(COALESCE(result, '{}'::jsonb), '{samples}', COALESCE(result->'samples', '[]'::jsonb) || ${JSON.stringify([sample])}::jsonb)
      WHERE id = ${stepId}::uuid`;
    await appendEvent(tx, run.releaseId, { type: "step.sample", actorId: null, payload: { runId: run.id, stepId, ...sample } as Prisma.InputJsonObject });
  });
}
