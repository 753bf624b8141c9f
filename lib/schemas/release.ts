import { z } from "zod";
import { ZCanaryProgress, ZRunStatus } from "@/lib/schemas/run";

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

/** PATCH /api/releases/:id { managerId }: hand the release to another manager (an admin or the current manager). */
export const ZAssignManager = z.object({ managerId: z.uuid() }).strict();
export type TAssignManager = z.output<typeof ZAssignManager>;

/**
 * PATCH /api/releases/:id takes either change, one at a time: { scheduledAt, revision } or { managerId }. One object
 * (not a union) so a malformed field is named in the 400, as every other route does.
 */
export const ZPatchRelease = ZRescheduleRelease.partial()
  .extend({ managerId: z.uuid().optional() })
  .strict()
  .superRefine((b, ctx) => {
    if (b.managerId !== undefined) {
      if (b.scheduledAt !== undefined || b.revision !== undefined) ctx.addIssue({ code: "custom", path: ["managerId"], message: "change the manager on its own, without scheduledAt or revision" });
      return;
    }
    for (const field of ["scheduledAt", "revision"] as const) if (b[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "Required" });
  })
  .transform((b): TAssignManager | TRescheduleRelease => (b.managerId !== undefined ? { managerId: b.managerId } : { scheduledAt: b.scheduledAt!, revision: b.revision! }));

/** POST /api/releases/:id/cancel: an optional reason (kept in the audit trail) and, optionally, the revision seen. */
export const ZCancelRelease = z
  .object({
    reason: z.string().trim().max(2000).optional(),
    revision: z.number().int().min(1).optional(),
  })
  .strict();
export type TCancelRelease = z.output<typeof ZCancelRelease>;

// ---- answers ----

const ZIso = z.iso.datetime({ offset: true });
const ZPerson = z.object({ id: z.uuid(), name: z.string() });

/** What every view of a release starts with (lib/server/releases/release-facts.ts). */
export const ZReleaseFacts = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.string(),
  type: ZReleaseType,
  environment: z.string(),
  status: ZReleaseStatus,
  scheduledAt: ZIso,
});

export const ZReleaseItemView = z.object({
  id: z.uuid(),
  text: z.string(),
  details: z.string().nullable(),
  required: z.boolean(),
  ownerRole: z.string().nullable(),
  checked: z.boolean(),
  checkedBy: ZPerson.nullable(),
  checkedAt: ZIso.nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type TReleaseItemView = z.output<typeof ZReleaseItemView>;

/** GET /api/releases/:id: the whole plan with its live checklist state (lib/server/releases/release-view.ts). */
export const ZReleaseView = ZReleaseFacts.extend({
  commitSha: z.string().nullable(),
  imageTag: z.string().nullable(),
  autoRollback: z.boolean(),
  revision: z.number().int(),
  template: z.object({ id: z.uuid(), name: z.string() }),
  procedures: z.array(z.object({ name: z.string(), kind: z.enum(["deploy", "smoke", "rollback", "verify", "custom"]) })),
  runs: z.array(
    z.object({
      id: z.uuid(),
      procedure: z.string(),
      kind: z.enum(["deploy", "smoke", "rollback", "verify", "custom"]),
      status: ZRunStatus,
      automatic: z.boolean(),
      triggeredByRunId: z.uuid().nullable(),
      requestedBy: ZPerson.nullable(),
      createdAt: ZIso,
      finishedAt: ZIso.nullable(),
      steps: z.object({ done: z.number().int(), total: z.number().int() }),
      canary: ZCanaryProgress,
    }),
  ),
  createdBy: ZPerson,
  /** The release's manager, never one of its approvers; null on releases made before it was recorded. */
  manager: ZPerson.nullable(),
  createdAt: ZIso,
  lastSeq: z.number().int(),
  progress: z.object({ checked: z.number().int(), total: z.number().int() }),
  phases: z.array(
    z.object({ id: z.uuid(), title: z.string(), offsetMinutes: z.number().int().nullable(), dueAt: ZIso.nullable(), items: z.array(ZReleaseItemView) }),
  ),
});
export type TReleaseView = z.output<typeof ZReleaseView>;

/** GET /api/releases: the releases soonest first, with checklist progress. */
export const ZReleaseList = z.object({
  releases: z.array(ZReleaseFacts.extend({ template: z.object({ id: z.uuid(), name: z.string() }), progress: z.object({ checked: z.number().int(), total: z.number().int() }) })),
});
export type TReleaseList = z.output<typeof ZReleaseList>;
export type TReleaseSummary = TReleaseList["releases"][number];
