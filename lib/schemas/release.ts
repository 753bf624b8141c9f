import { z } from "zod";

export const ZReleaseType = z.enum(["regular", "hotfix", "emergency"]);
export const ZReleaseStatus = z.enum(["draft", "scheduled", "ready", "deploying", "verifying", "released", "rolled_back", "cancelled"]);

export const ZReleaseParams = z.object({ id: z.uuid() });
export const ZReleaseItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

const ZText = (max: number) => z.string().trim().min(1).max(max);

export const ZCreateRelease = z
  .object({
    templateId: z.uuid(),
    name: ZText(200),
    version: ZText(100),
    type: ZReleaseType,
    environment: z.string().trim().min(1).max(60).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, dot, dash and underscore"),
    scheduledAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    commitSha: z.string().trim().regex(/^[0-9a-f]{7,40}$/i, "a 7 to 40 character hex commit SHA").optional(),
    imageTag: z.string().trim().min(1).max(200).optional(),
    autoRollback: z.boolean().optional(),
  })
  .strict();
export type TCreateRelease = z.output<typeof ZCreateRelease>;

export const ZTickItem = z
  .object({
    checked: z.boolean(),
    note: z.string().trim().max(2000).nullish(),
    version: z.number().int().min(1),
  })
  .strict();
export type TTickItem = z.output<typeof ZTickItem>;

export const ZReleaseListQuery = z
  .object({
    status: ZReleaseStatus.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** PATCH /api/releases/:id: move T-0. `revision` is the release's revision the caller saw (409 when stale). */
export const ZRescheduleRelease = z
  .object({
    scheduledAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    revision: z.number().int().min(1),
  })
  .strict();
export type TRescheduleRelease = z.output<typeof ZRescheduleRelease>;

/** POST /api/releases/:id/cancel: an optional reason (kept in the audit trail) and, optionally, the revision seen. */
export const ZCancelRelease = z
  .object({
    reason: z.string().trim().max(2000).optional(),
    revision: z.number().int().min(1).optional(),
  })
  .strict();
export type TCancelRelease = z.output<typeof ZCancelRelease>;
