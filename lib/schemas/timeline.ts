// The stakeholder's view of a release (GET /api/releases/:id/timeline, the timeline page, share links): never
// command text, output or a metric's URL.
import { z } from "zod";
import { ZReleaseEnvironmentView, ZReleaseFacts } from "@/lib/schemas/release";
import { ZCanaryProgress, ZRunStatus, ZRunStepStatus } from "@/lib/schemas/run";
import { ZNoteSections } from "@/lib/schemas/notes";

const ZIso = z.iso.datetime({ offset: true });

const ZChart = z
  .object({
    healthy: z.object({ op: z.string(), value: z.number() }),
    unit: z.string(),
    samples: z.array(z.object({ n: z.number(), at: z.string(), value: z.number().nullable(), healthy: z.boolean(), limit: z.number().optional() })),
  })
  .nullable();

export const ZTimeline = z.object({
  release: ZReleaseFacts,
  /** When the release entered its current status (deploying since, released at...); null before its first move. */
  statusSince: ZIso.nullable(),
  /** The promotion path as a pipeline (staging: deployed, verified -> production: waiting) and where the release is. */
  environments: z.array(ZReleaseEnvironmentView),
  currentEnvironment: z.string(),
  lastSeq: z.number().int(),
  generatedAt: ZIso,
  phases: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      offsetMinutes: z.number().int().nullable(),
      dueAt: ZIso.nullable(),
      progress: z.object({ checked: z.number().int(), total: z.number().int() }),
      items: z.array(z.object({ id: z.uuid(), text: z.string(), checked: z.boolean(), required: z.boolean() })),
      state: z.enum(["upcoming", "active", "overdue", "done"]),
    }),
  ),
  decisions: z.array(
    z.object({
      id: z.uuid(),
      by: z.string(),
      decision: z.enum(["go", "no-go"]),
      comment: z.string().nullable(),
      at: ZIso,
      withdrawnAt: ZIso.nullable(),
      override: z.object({ by: z.string().nullable(), reason: z.string().nullable() }).nullable(),
    }),
  ),
  decisionsTotal: z.number().int(),
  runs: z.array(
    z.object({
      id: z.uuid(),
      procedure: z.string(),
      kind: z.enum(["deploy", "smoke", "rollback", "verify", "custom"]),
      status: ZRunStatus,
      createdAt: ZIso,
      startedAt: ZIso.nullable(),
      finishedAt: ZIso.nullable(),
      triggeredBy: z.object({ runId: z.uuid(), procedure: z.string().nullable() }).nullable(),
      canary: ZCanaryProgress,
      steps: z.array(
        z.object({
          id: z.uuid(),
          position: z.number().int(),
          kind: z.enum(["command", "http", "wait", "gate", "watch", "canary"]),
          name: z.string(),
          status: ZRunStepStatus,
          startedAt: ZIso.nullable(),
          finishedAt: ZIso.nullable(),
          stage: z.number().int().nullable(),
          weight: z.number().nullable(),
          chart: ZChart,
        }),
      ),
    }),
  ),
  notes: z.object({ sections: ZNoteSections, version: z.number().int(), updatedAt: ZIso }).nullable(),
});
export type TTimeline = z.output<typeof ZTimeline>;
