import { z } from "zod";
import { ZCanaryProgress, ZRunStatus } from "@/lib/schemas/run";
import { ZEscalationLadder } from "@/lib/schemas/runbook";

export const ZReleaseType = z.enum(["regular", "hotfix", "emergency"]);
export const ZReleaseStatus = z.enum(["draft", "scheduled", "ready", "deploying", "verifying", "released", "rolled_back", "cancelled"]);

export const ZReleaseParams = z.object({ id: z.uuid() });
export const ZReleaseItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

const ZIso = z.iso.datetime({ offset: true });
const ZText = (max: number) => z.string().trim().min(1).max(max);

const ZEnvironmentName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "letters, digits, dot, dash and underscore");

/**
 * `environments` is the promotion path in order (staging, then production); `environment` alone is a path of one.
 * Whether the names exist and repeat is checked by createRelease (422 naming the index).
 */
export const ZCreateRelease = z
  .object({
    templateId: z.uuid(),
    name: ZText(200),
    version: ZText(100),
    type: ZReleaseType,
    environment: ZEnvironmentName.optional(),
    environments: z.array(ZEnvironmentName).min(1).max(10).optional(),
    scheduledAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
    commitSha: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{7,40}$/i, "a 7 to 40 character hex commit SHA")
      .optional(),
    imageTag: z.string().trim().min(1).max(200).optional(),
    autoRollback: z.boolean().optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.environment !== undefined && b.environments !== undefined)
      ctx.addIssue({ code: "custom", path: ["environment"], message: "give environments (the path) or environment, not both" });
  })
  .transform(({ environment, environments, ...rest }) => ({ ...rest, environment: environment ?? environments?.[0], path: environments ?? null }));
/**
 * `path`: the promotion path as given (null or left out: a path of one, `environment`). Neither given: the template's
 * default path (422 naming `environments` when it has none).
 */
export type TCreateRelease = Omit<z.output<typeof ZCreateRelease>, "path"> & { path?: string[] | null };

export const ZTickItem = z
  .object({
    checked: z.boolean(),
    note: z.string().trim().max(2000).nullish(),
    version: z.number().int().min(1),
    /**
     * Managers only: tick an item due after T-0 (a post-launch item, e.g. T+30m) before the deploy started. Recorded
     * in the event (`early: true`); without it such a tick is refused with 409 until the deploy started.
     */
    early: z.literal(true).optional(),
  })
  .strict()
  .refine((b) => !b.early || b.checked, { path: ["early"], message: "Only a tick (checked: true) can be early" });
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
      if (b.scheduledAt !== undefined || b.revision !== undefined)
        ctx.addIssue({ code: "custom", path: ["managerId"], message: "change the manager on its own, without scheduledAt or revision" });
      return;
    }
    for (const field of ["scheduledAt", "revision"] as const) if (b[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "Required" });
  })
  .transform((b): TAssignManager | TRescheduleRelease =>
    b.managerId !== undefined ? { managerId: b.managerId } : { scheduledAt: b.scheduledAt!, revision: b.revision! },
  );

/** POST /api/releases/:id/cancel: an optional reason (kept in the audit trail) and, optionally, the revision seen. */
export const ZCancelRelease = z
  .object({
    reason: z.string().trim().max(2000).optional(),
    revision: z.number().int().min(1).optional(),
  })
  .strict();
export type TCancelRelease = z.output<typeof ZCancelRelease>;

// ---- answers ----

const ZPerson = z.object({ id: z.uuid(), name: z.string() });

/** What every view of a release starts with (lib/releases/release-facts.ts). */
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

export const ZReleaseEnvironmentState = z.enum(["pending", "deploying", "verifying", "deployed", "failed", "rolled_back"]);

/** One environment of a release's promotion path, in order. `deployedAt`: its deploy succeeded; `verifiedAt`: and was verified. */
export const ZReleaseEnvironmentView = z.object({
  name: z.string(),
  state: ZReleaseEnvironmentState,
  runId: z.uuid().optional(),
  deployedAt: ZIso.optional(),
  verifiedAt: ZIso.optional(),
  /** A pending environment whose waitMinutes after its predecessor's verified deploy have not passed: until when. */
  waitUntil: ZIso.optional(),
});
export type TReleaseEnvironmentView = z.output<typeof ZReleaseEnvironmentView>;

/** GET /api/releases/:id: the whole plan with its live checklist state (lib/releases/release-view.ts). */
export const ZReleaseView = ZReleaseFacts.extend({
  /** The promotion path; `currentEnvironment` is the one the release is at (the first not deployed and verified). */
  environments: z.array(ZReleaseEnvironmentView),
  currentEnvironment: z.string(),
  commitSha: z.string().nullable(),
  imageTag: z.string().nullable(),
  autoRollback: z.boolean(),
  revision: z.number().int(),
  template: z.object({ id: z.uuid(), name: z.string() }),
  /** `environment`, `pipelinePosition`: the deploy pipeline the procedure is part of (environment null with a position: the default one). */
  procedures: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(["deploy", "smoke", "rollback", "verify", "custom"]),
      environment: z.string().nullable(),
      pipelinePosition: z.number().int().nullable(),
    }),
  ),
  runs: z.array(
    z.object({
      id: z.uuid(),
      procedure: z.string(),
      kind: z.enum(["deploy", "smoke", "rollback", "verify", "custom"]),
      /** Where it ran: one environment of the release's path. */
      environment: z.string(),
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
  /**
   * While the newest run is failing or needs attention, and the template has an escalation ladder: the ladder and
   * since when the run has been failing (the page says which level applies now and the next one). Null otherwise.
   */
  escalation: z.object({ runId: z.uuid(), procedure: z.string(), failingSince: ZIso, ladder: ZEscalationLadder }).nullable(),
});
export type TReleaseView = z.output<typeof ZReleaseView>;

/** GET /api/releases: the releases soonest first, with checklist progress. */
export const ZReleaseList = z.object({
  releases: z.array(
    ZReleaseFacts.extend({
      template: z.object({ id: z.uuid(), name: z.string() }),
      progress: z.object({ checked: z.number().int(), total: z.number().int() }),
    }),
  ),
});
export type TReleaseList = z.output<typeof ZReleaseList>;
export type TReleaseSummary = TReleaseList["releases"][number];

/** PATCH /api/releases/:id/items/:itemId: the item's new state, with the version the next tick must send. */
export const ZTickedItem = ZReleaseItemView.pick({ id: true, checked: true, checkedBy: true, checkedAt: true, note: true, version: true }).strict();
export type TTickedItem = z.output<typeof ZTickedItem>;
