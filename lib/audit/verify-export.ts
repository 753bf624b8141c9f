// Verifies a downloaded audit export (GET /api/releases/:id/audit?format=json) with nothing but the file: no
// database, no server, no trust in the export's own `chain.intact`. Each event's hash is recomputed from the
// fields it covers (event-hash.ts) and must link to the one before; the optional witness is a chain head a
// receiver kept from a `release.completed` notification, which a later rewrite of the history cannot match.
import { z } from "zod";
import { hashMatches } from "@/lib/events/event-hash";

const ZExportedEvent = z.object({
  seq: z.number().int(),
  at: z.string(),
  type: z.string(),
  actorId: z.string().nullable(),
  payload: z.unknown(),
  prevHash: z.string().nullable(),
  hash: z.string(),
});
const ZVerifiableExport = z.object({ release: z.object({ id: z.string() }), events: z.array(ZExportedEvent) });

export type ExportVerdict = {
  releaseId: string;
  events: number;
  /** The last event's hash: the chain head this export ends at. */
  head: string | null;
  /** The first event that does not hold, with why; null when every event does. */
  broken: { seq: number; type: string; reason: string } | null;
  /** With a witness: the seq of the event whose hash it is, or null when no event's is (the history was rewritten). */
  witnessSeq?: number | null;
};

/** Reads the export's text; a file that is not an export (or lacks actorId: exported before it was added) throws. */
export function parseAuditExport(text: string): z.infer<typeof ZVerifiableExport> {
  const parsed = ZVerifiableExport.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`not a Countdown audit export (JSON) with every hashed field: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function verifyExport(audit: z.infer<typeof ZVerifiableExport>, witness?: string): ExportVerdict {
  const releaseId = audit.release.id;
  let prev: string | null = null;
  let broken: ExportVerdict["broken"] = null;
  for (const [i, e] of audit.events.entries()) {
    const at = new Date(e.at);
    const reason =
      e.seq !== i + 1
        ? `its seq is ${e.seq} where ${i + 1} was expected (an event was removed, added or reordered)`
        : e.prevHash !== prev
          ? "its prevHash is not the hash of the event before it (an event was removed, added or reordered)"
          : Number.isNaN(at.getTime()) || at.toISOString() !== e.at
            ? `its time "${e.at}" is not a time as exported (the row was changed)`
            : !hashMatches({ releaseId, seq: e.seq, type: e.type, actorId: e.actorId, at, payload: e.payload, prevHash: e.prevHash, hash: e.hash })
              ? "its contents do not match its hash (the row was changed)"
              : null;
    if (reason) {
      broken = { seq: e.seq, type: e.type, reason };
      break;
    }
    prev = e.hash;
  }
  const head = audit.events.at(-1)?.hash ?? null;
  const verdict: ExportVerdict = { releaseId, events: audit.events.length, head, broken };
  if (witness !== undefined) verdict.witnessSeq = audit.events.find((e) => e.hash === witness.trim().toLowerCase())?.seq ?? null;
  return verdict;
}
