// Whether a release may deploy and, in words, what still stands in the way (lib/decisions/readiness.ts).
import { z } from "zod";
import { ZGroupRule, ZVoteView } from "@/lib/schemas/decision";
import { ZFreezeView } from "@/lib/schemas/freeze";

/** A blocker as data, so a page can say it for its viewer (lib/decisions/blocker-text.ts writes the server's sentence). */
export const ZBlocker = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("text"), text: z.string() }).strict(),
  z
    .object({
      kind: z.literal("group"),
      stillNeeded: z.number().int(),
      anyOf: z.array(z.string()),
      candidates: z.array(z.object({ id: z.string(), name: z.string() }).strict()),
    })
    .strict(),
  z.object({ kind: z.literal("freeze"), environment: z.string(), until: z.string(), reason: z.string() }).strict(),
]);
export type TBlocker = z.output<typeof ZBlocker>;

export const ZReadiness = z
  .object({
    ready: z.boolean(),
    policy: z
      .object({
        minGoes: z.number().int(),
        groupRules: z.array(ZGroupRule),
        requiredItem: z.string().nullable(),
        source: z.enum(["default", "template"]),
        version: z.number().int(),
        description: z.string(),
        environmentRule: z.object({ environment: z.string(), requiredGoes: z.number().int() }).strict().nullable(),
      })
      .strict(),
    requiredItems: z
      .object({ done: z.number().int(), total: z.number().int(), missing: z.array(z.object({ id: z.uuid(), text: z.string() }).strict()) })
      .strict(),
    decisions: z
      .object({
        goes: z.number().int(),
        needed: z.number().int(),
        groupRules: z.array(
          z
            .object({
              anyOf: z.array(z.string()),
              count: z.number().int(),
              have: z.number().int(),
              stillNeeded: z.number().int(),
              from: z.array(z.string()),
              candidates: z.array(z.object({ id: z.uuid(), name: z.string() }).strict()),
            })
            .strict(),
        ),
        /** `stale`: a go on an earlier plan, shown but not counted. */
        votes: z.array(ZVoteView.extend({ stale: z.boolean() }).strict()),
      })
      .strict(),
    plan: z.object({ digest: z.string(), approved: z.boolean(), staleGoes: z.array(ZVoteView) }).strict(),
    noGos: z.array(ZVoteView),
    freeze: z.object({ active: z.boolean(), window: ZFreezeView.optional() }).strict(),
    blockers: z.array(z.string()),
    /** The same blockers as data, in the same order. */
    blockerDetails: z.array(ZBlocker),
  })
  .strict();
export type TReadiness = z.output<typeof ZReadiness>;
