import "server-only";
import { db } from "@/lib/db";
import { roleAccess } from "@/lib/access/read-policy";
import type { Role } from "@/lib/generated/prisma/enums";

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
const SHOWN_TO_STAKEHOLDERS = new Set([
  "runId",
  "stepId",
  "itemId",
  "decisionId",
  "status",
  "decision",
  "comment",
  "kind",
  "position",
  "count",
  "version",
  "releaseType",
  "scheduledAt",
]);

function visiblePayload(payload: Record<string, unknown>, audience: Audience) {
  if (audience === "full") return payload;
  return Object.fromEntries(Object.entries(payload).filter(([key]) => SHOWN_TO_STAKEHOLDERS.has(key)));
}

/** What an audience may see of a message read for the full audience: stakeholders get no output lines and fewer payload keys. */
export function forAudience(message: StreamMessage, audience: Audience): StreamMessage | null {
  if (audience === "full") return message;
  if (message.type === "output") return null;
  return message.payload ? { ...message, payload: visiblePayload(message.payload, audience) } : message;
}

/** What a signed-in role reads on a live stream (lib/access/read-policy.ts decides for every route). */
export function audienceOf(role: Role): Audience {
  return roleAccess(role) === "plan" ? "full" : "stakeholder";
}

type LogRow = {
  source: "event" | "line";
  seq: number;
  type: string;
  at: Date;
  payload: Record<string, unknown> | null;
  actor_id: string | null;
  actor_name: string | null;
  run_id: string | null;
  step_id: string | null;
  stream: string | null;
  line: string | null;
};

/**
 * The release's messages after `after`, in sequence order, read in ONE statement: events and output lines share
 * the release's sequence, and only one snapshot of both tables guarantees that a row below the last seq we return
 * was visible to us. (Two queries in parallel have two snapshots: the events' could include seq 44 while the
 * lines' missed 42 and 43, committed in between, and the cursor would skip them for good; the database-restart
 * drill caught that once.) Taking the first `limit` of each table and merging is exact for the same reason.
 */
export async function readReleaseLog(releaseId: string, after: number, audience: Audience, limit = 500): Promise<StreamMessage[]> {
  const rows = await db().$queryRaw<LogRow[]>`
    SELECT * FROM (
      (SELECT 'event' AS source, e.seq, e.type, e.at, e.payload, e."actorId" AS actor_id, u.name AS actor_name,
              NULL::uuid AS run_id, NULL::uuid AS step_id, NULL::text AS stream, NULL::text AS line
       FROM "Event" e LEFT JOIN "User" u ON u.id = e."actorId"
       WHERE e."releaseId" = ${releaseId}::uuid AND e.seq > ${after}::int
       ORDER BY e.seq LIMIT ${limit}::int)
      UNION ALL
      (SELECT 'line', l.seq, 'output', l.at, NULL, NULL, NULL, l."runId", l."stepId", l.stream::text, l.line
       FROM "OutputLine" l
       WHERE ${audience === "full"} AND l."releaseId" = ${releaseId}::uuid AND l.seq > ${after}::int
       ORDER BY l.seq LIMIT ${limit}::int)
    ) log ORDER BY seq LIMIT ${limit}::int`;
  return rows.map((r): StreamMessage => {
    if (r.source === "line") {
      return { seq: r.seq, type: "output", at: r.at.toISOString(), runId: r.run_id, stepId: r.step_id, stream: r.stream ?? "stdout", line: r.line ?? "" };
    }
    const payload = r.payload ?? {};
    return {
      seq: r.seq,
      type: r.type,
      at: r.at.toISOString(),
      runId: (payload.runId as string | undefined) ?? null,
      stepId: (payload.stepId as string | undefined) ?? null,
      actor: r.actor_id ? { id: r.actor_id, name: r.actor_name ?? "" } : null,
      ...(typeof payload.status === "string" ? { status: payload.status } : {}),
      payload: visiblePayload(payload, audience),
    };
  });
}

/** The highest sequence number a reader can have seen: where a reader with nothing new waits. */
export async function lastSeq(releaseId: string): Promise<number | null> {
  const release = await db().release.findUnique({ where: { id: releaseId }, select: { lastSeq: true } });
  return release?.lastSeq ?? null;
}
