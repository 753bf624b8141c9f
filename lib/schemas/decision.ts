import { z } from "zod";
import { ZReleaseType } from "@/lib/schemas/release";

export const ZDecisionParams = z.object({ id: z.uuid(), decisionId: z.uuid() });

/** "no-go" on the wire, no_go in the database. The comment rule (required for a no-go) is checked in decide(): 422. */
export const ZDecide = z
  .object({
    decision: z.enum(["go", "no-go"]),
    comment: z.string().trim().max(2000).nullish(),
  })
  .strict();
export type TDecide = z.output<typeof ZDecide>;

/** The reason is checked in overrideNoGo(): a missing one is 422, like a no-go without a comment. */
export const ZOverrideNoGo = z.object({ reason: z.string().trim().max(2000).nullish() }).strict();
export type TOverrideNoGo = z.output<typeof ZOverrideNoGo>;

const ZGroupName = z.string().trim().min(1).max(60);

/** At least `count` of the gos come from members of any of the `anyOf` groups. */
export const ZGroupRule = z.object({ anyOf: z.array(ZGroupName).min(1).max(20), count: z.number().int().min(1).max(50) }).strict();
export const ZGroupRules = z.array(ZGroupRule).max(10);
export type TGroupRule = z.output<typeof ZGroupRule>;

export const ZPolicyParams = z.object({ id: z.uuid(), type: ZReleaseType });

export const ZSetPolicy = z
  .object({
    minGoes: z.number().int().min(0).max(50),
    groupRules: ZGroupRules.default([]),
    requiredItem: z.string().trim().min(1).max(500).nullish(),
    /** The version the caller saw; 0 when the template still uses the default policy. */
    version: z.number().int().min(0),
    /** Required (checked in setPolicy(): 422) when the change lowers the bar, which only an admin may do. */
    reason: z.string().trim().max(2000).nullish(),
  })
  .strict()
  .refine((p) => p.groupRules.every((r) => r.count <= p.minGoes), { message: "a group rule cannot ask for more gos than minGoes", path: ["groupRules"] });
export type TSetPolicy = z.output<typeof ZSetPolicy>;

export const ZAuditQuery = z.object({ format: z.enum(["json", "csv"]).default("json") }).strict();

/** The API's spelling of a stored decision. */
export const apiDecision = (d: "go" | "no_go"): "go" | "no-go" => (d === "no_go" ? "no-go" : "go");

/** GET /api/decisions/waiting: open releases waiting for the caller's go or no-go, soonest first. */
export const ZWaitingDecisions = z.object({
  releases: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      version: z.string(),
      type: ZReleaseType,
      environment: z.string(),
      status: z.enum(["draft", "scheduled", "ready", "deploying", "verifying", "released", "rolled_back", "cancelled"]),
      scheduledAt: z.iso.datetime({ offset: true }),
      decisions: z.object({ goes: z.number().int(), needed: z.number().int(), noGos: z.number().int() }),
      neededFromMe: z.boolean(),
      policy: z.string(),
    }),
  ),
});
export type TWaitingRelease = z.output<typeof ZWaitingDecisions>["releases"][number];

// ---- answers ----

/** One vote as the API shows it (lib/decisions/standing-votes.ts); `planDigest`: the plan it was cast on. */
export const ZVoteView = z
  .object({
    decisionId: z.uuid(),
    user: z.object({ id: z.uuid(), name: z.string(), groups: z.array(z.string()) }).strict(),
    decision: z.enum(["go", "no-go"]),
    comment: z.string().nullable(),
    at: z.iso.datetime({ offset: true }),
    planDigest: z.string().nullable(),
  })
  .strict();
export type TVoteView = z.output<typeof ZVoteView>;

/** DELETE /api/releases/:id/decisions/mine: the vote that no longer stands. */
export const ZWithdrawnVote = z.object({ withdrawn: ZVoteView }).strict();
export type TWithdrawnVote = z.output<typeof ZWithdrawnVote>;

/** POST /api/releases/:id/decisions/:decisionId/override: the no-go set aside, by whom and why. */
export const ZOverriddenVote = z
  .object({ overridden: ZVoteView.extend({ overriddenBy: z.object({ id: z.uuid(), name: z.string() }).strict(), reason: z.string() }).strict() })
  .strict();
export type TOverriddenVote = z.output<typeof ZOverriddenVote>;

/** GET /api/templates/:id/policies/:type: the policy in force; `environmentRule`: an environment asking for more gos. */
export const ZPolicyView = z
  .object({
    releaseType: ZReleaseType,
    minGoes: z.number().int(),
    groupRules: z.array(ZGroupRule),
    requiredItem: z.string().nullable(),
    version: z.number().int(),
    source: z.enum(["default", "template"]),
    environmentRule: z.object({ environment: z.string(), requiredGoes: z.number().int() }).strict().optional(),
  })
  .strict();
export type TPolicyView = z.output<typeof ZPolicyView>;

/** PUT /api/templates/:id/policies/:type: the saved policy and how many open releases were told about it. */
export const ZPolicySaved = ZPolicyView.extend({ releasesNotified: z.number().int() }).strict();
export type TPolicySaved = z.output<typeof ZPolicySaved>;
