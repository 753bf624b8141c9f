// What a route answers when the answer is not a JSON body the wrapper checks: no body at all (204), or a file or a
// stream of another media type (CSV, iCalendar, Markdown, Server-Sent Events). A route says so in `response:` (or,
// beside its JSON answer, in `alsoAnswers:`), and the API reference documents it as such.
import type { z } from "zod";

export type OtherAnswer = {
  status: number;
  description: string;
  /** Left out: no body. */
  contentType?: string;
  /** A JSON answer the handler sends itself (another status, its own headers); the contract test checks it. */
  schema?: z.ZodType;
};

/** 204: done, nothing to say. */
export const noContent = (description = "Done; no body"): OtherAnswer => ({ status: 204, description });

/** A body of another media type: a download, a feed, a stream. */
export const textAnswer = (contentType: string, description: string, status = 200): OtherAnswer => ({ status, contentType, description });

/** A JSON body with another status than the route's own, sent by the handler (e.g. 200 for a vote that already stood). */
export const jsonAnswer = (status: number, schema: z.ZodType, description: string): OtherAnswer => ({ status, schema, description });

export function isSchema(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && "_zod" in value;
}
