import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { runInclude, toRunView } from "@/lib/runs/run-view";

const OUTPUT_LIMIT = 20_000;

/** A run with its steps; `detail` adds command text, results and each step's newest output lines. */
export async function getRun(runId: string, { detail }: { detail: boolean }) {
  const run = await db().run.findUnique({ where: { id: runId }, include: runInclude });
  if (!run) throw new AppError("NOT_FOUND", "Run not found");
  // Read before the output: a live stream started after this number misses nothing the snapshot lacks.
  const { lastSeq } = await db().release.findUniqueOrThrow({ where: { id: run.releaseId }, select: { lastSeq: true } });
  const view = { ...toRunView(run, { detail }), releaseSeq: lastSeq };
  if (!detail) return view;
  const lines = await db().outputLine.findMany({ where: { runId }, orderBy: { seq: "desc" }, take: OUTPUT_LIMIT });
  lines.reverse();
  return {
    ...view,
    outputTruncated: lines.length === OUTPUT_LIMIT,
    output: lines.map((l) => ({ seq: l.seq, stepId: l.stepId, stream: l.stream, line: l.line, at: l.at.toISOString() })),
  };
}
