// GET /api/releases/:id/audit: what an auditor reads (lib/audit/export-audit.ts); ?format=csv is the events as CSV.
import { z } from "zod";
import { ZReleaseStatus, ZReleaseType } from "@/lib/schemas/release";

const ZRole = z.enum(["admin", "manager", "approver", "viewer"]);

export const ZAuditExport = z
  .object({
    release: z
      .object({
        id: z.uuid(),
        name: z.string(),
        type: ZReleaseType,
        environment: z.string(),
        status: ZReleaseStatus,
        scheduledAt: z.string(),
        template: z.object({ id: z.uuid(), name: z.string() }).strict(),
      })
      .strict(),
    facts: z
      .object({
        version: z.string(),
        commitSha: z.string().nullable(),
        imageTag: z.string().nullable(),
        approvers: z.array(z.object({ name: z.string(), email: z.string(), role: ZRole.nullable(), at: z.string(), comment: z.string().nullable() }).strict()),
        /** Every vote as recorded, never recomputed from today's users. */
        votes: z.array(
          z
            .object({
              decisionId: z.uuid(),
              user: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).strict(),
              roleAtVote: ZRole.nullable(),
              decision: z.enum(["go", "no-go"]),
              comment: z.string().nullable(),
              at: z.string(),
              withdrawnAt: z.string().nullable(),
              overridden: z.object({ byId: z.string(), reason: z.string().nullable() }).strict().nullable(),
            })
            .strict(),
        ),
        rollbackRan: z.boolean(),
        rollbacks: z.array(
          z
            .object({
              runId: z.uuid(),
              status: z.enum(["queued", "running", "succeeded", "failed", "cancelled", "needs_attention"]),
              at: z.string(),
              automatic: z.boolean(),
            })
            .strict(),
        ),
      })
      .strict(),
    /** `firstBroken`: the first event whose hash does not follow (npm run audit:verify says the same). */
    chain: z
      .object({ head: z.string().nullable(), intact: z.boolean(), firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).strict().optional() })
      .strict(),
    events: z.array(
      z
        .object({
          seq: z.number().int(),
          at: z.string(),
          type: z.string(),
          actorId: z.string().nullable(),
          actor: z.string().nullable(),
          payload: z.unknown(),
          prevHash: z.string().nullable(),
          hash: z.string(),
        })
        .strict(),
    ),
    exportedAt: z.string(),
  })
  .strict();
export type TAuditExport = z.output<typeof ZAuditExport>;
