import { z } from "zod";
import { AppError } from "@/lib/errors";

// Where a live stream resumes: `Last-Event-ID` (a reconnecting EventSource sends the last `id:` it saw) or `?after=`.
// Sequence numbers are a release's event count, stored as a 32-bit integer: anything that is not a whole number in
// 0..2^31-1 is a bad request (400), never a query that overflows the column and logs an error every second.

export const MAX_STREAM_SEQ = 2_147_483_647;

const SEQ = /^\d{1,10}$/;

/** A sequence number written as plain decimal digits within the column's range, or null. */
export function parseSeq(raw: string): number | null {
  const text = raw.trim();
  if (!SEQ.test(text)) return null;
  const seq = Number(text);
  return seq <= MAX_STREAM_SEQ ? seq : null;
}

/** `?after=` of a stream route's query. */
export const ZStreamAfter = z
  .string()
  .transform((raw, ctx) => {
    const seq = parseSeq(raw);
    if (seq === null) ctx.addIssue({ code: "custom", message: `must be a whole number from 0 to ${MAX_STREAM_SEQ}` });
    return seq ?? 0;
  })
  .optional();

/** Where to resume: the Last-Event-ID header when it is there, else `?after=`, else the start. 400 for a bad header. */
export function streamCursor(lastEventId: string | null, after: number | undefined): number {
  if (lastEventId === null) return after ?? 0;
  const seq = parseSeq(lastEventId);
  if (seq === null) throw new AppError("BAD_REQUEST", `Last-Event-ID must be a whole number from 0 to ${MAX_STREAM_SEQ}`, { field: "Last-Event-ID" });
  return seq;
}
