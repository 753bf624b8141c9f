import "server-only";
import { db } from "@/lib/db";

/** One message of a release's live stream: an event, or (for those allowed to see it) an output line. */
export type StreamMessage = {
  seq: number;
  type: string;
  at: string;
  runId: string | null;
  stepId: string | null;
  actor?: { id: string; name: string } | null;
  status?: string;
  payload?: Record<string, unknown>;
  stream?: string;
  line?: string;
};

export type Audience = "full" | "stakeholder";

// The only event payload keys a stakeholder (viewer, share link) receives: ids, statuses, votes. Anything else may
// carry command text (a step's text is its command when the runbook had no comment), output, HTTP details,
// notes, emails or error messages; the timeline JSON has the safe names, and the page re-reads it on each event.
const SHOWN_TO_STAKEHOLDERS = new Set(["runId", "stepId", "itemId", "decisionId", "status", "decision", "comment", "kind", "position", "count", "version", "releaseType", "scheduledAt"]);

function visiblePayload(payload: Record<string, unknown>, audience: Audience) {
  if (audience === "full") return payload;
  return Object.fromEntries(Object.entries(payload).filter(([key]) => SHOWN_TO_STAKEHOLDERS.has(key)));
}

/**
 * The release's messages after `after`, in sequence order. Events and output lines share the release's
 * sequence, so taking the first `limit` of each table and merging is exact: every row up to the last seq we
 * return was in its table's first `limit` rows.
 */
export async function readReleaseLog(releaseId: string, after: number, audience: Audience, limit = 500): Promise<StreamMessage[]> {
  const [events, lines] = await Promise.all([
    db().event.findMany({
      where: { releaseId, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: limit,
      include: { actor: { select: { id: true, name: true } } },
    }),
    audience === "full"
      ? db().outputLine.findMany({ where: { releaseId, seq: { gt: after } }, orderBy: { seq: "asc" }, take: limit })
      : Promise.resolve([]),
  ]);
  const messages: StreamMessage[] = [
    ...events.map((e) => {
      const payload = (e.payload ?? {}) as Record<string, unknown>;
      return {
        seq: e.seq,
        type: e.type,
        at: e.at.toISOString(),
        runId: (payload.runId as string | undefined) ?? null,
        stepId: (payload.stepId as string | undefined) ?? null,
        actor: e.actor,
        ...(typeof payload.status === "string" ? { status: payload.status } : {}),
        payload: visiblePayload(payload, audience),
      };
    }),
    ...lines.map((l) => ({ seq: l.seq, type: "output", at: l.at.toISOString(), runId: l.runId, stepId: l.stepId, stream: l.stream, line: l.line })),
  ];
  messages.sort((a, b) => a.seq - b.seq);
  return messages.slice(0, limit);
}

/** The highest sequence number a reader can have seen: where a reader with nothing new waits. */
export async function lastSeq(releaseId: string): Promise<number | null> {
  const release = await db().release.findUnique({ where: { id: releaseId }, select: { lastSeq: true } });
  return release?.lastSeq ?? null;
}
