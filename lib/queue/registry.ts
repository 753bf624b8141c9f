// The one registry of job kinds. A kind's schema is applied twice: by the producer before the job is stored
// and by the worker before the handler runs (a job written by an older build may no longer fit).
import { z } from "zod";
import { ZDeliverJob } from "@/lib/schemas/notification";

export type JobContext = {
  jobId: string;
  /** 1 on the first try. */
  attempt: number;
  /** The job's `attempts` option: when `attempt` reaches it, a failure is final. */
  maxAttempts: number;
  /** Aborted when the worker cancels the job; long handlers should pass it on. */
  signal?: AbortSignal;
  log(message: string): void;
};

export type JobKind<Name extends string = string, Schema extends z.ZodType = z.ZodType, Result = unknown> = {
  name: Name;
  schema: Schema;
  handle(payload: z.output<Schema>, ctx: JobContext): Promise<Result>;
};

function defineJob<const Name extends string, Schema extends z.ZodType, Result>(kind: JobKind<Name, Schema, Result>) {
  return kind;
}

const releaseScheduled = defineJob({
  name: "release.scheduled",
  schema: z.object({ releaseId: z.uuid() }).strict(),
  async handle({ releaseId }, ctx) {
    // Placeholder until scheduling lands: proves the job reaches a worker without touching the database.
    ctx.log(`release ${releaseId} scheduled (no-op)`);
  },
});

const queueProbe = defineJob({
  name: "queue.probe",
  schema: z
    .object({
      probeId: z.string().min(1).max(200),
      // Lets a test keep a job active while it stops the worker, to prove shutdown waits for it.
      holdMs: z.number().int().min(0).max(10_000).optional(),
    })
    .strict(),
  async handle({ probeId, holdMs }) {
    if (holdMs) await new Promise((resolve) => setTimeout(resolve, holdMs));
    return { probeId, handledBy: process.pid };
  },
});

const runExecute = defineJob({
  name: "run.execute",
  schema: z.object({ runId: z.uuid() }).strict(),
  async handle({ runId }, ctx) {
    // Loaded on first use: the web tier imports this registry for the schemas only.
    const { executeRun } = await import("@/workers/run/execute-run");
    return executeRun(runId, ctx);
  },
});

const notificationDeliver = defineJob({
  name: "notification.deliver",
  schema: ZDeliverJob,
  async handle({ deliveryId }, ctx) {
    const { deliverNotification } = await import("@/lib/server/notifications/deliver-notification");
    return deliverNotification(deliveryId, ctx);
  },
});

const notificationSweep = defineJob({
  name: "notification.sweep",
  // Started by the job scheduler (lib/queue/schedules.ts); `now` lets a test run it at a chosen time.
  schema: z.object({ now: z.iso.datetime().optional() }).strict(),
  async handle({ now }) {
    const { sweepNotifications } = await import("@/lib/server/notifications/sweep-notifications");
    return sweepNotifications(now ? new Date(now) : new Date());
  },
});

const kinds = [releaseScheduled, queueProbe, runExecute, notificationDeliver, notificationSweep] as const;

type AnyKind = (typeof kinds)[number];
export type JobName = AnyKind["name"];
type KindNamed<Name extends JobName> = Extract<AnyKind, { name: Name }>;
/** What a producer passes (before defaults and transforms). */
export type JobPayload<Name extends JobName> = z.input<KindNamed<Name>["schema"]>;
export type JobResult<Name extends JobName> = Awaited<ReturnType<KindNamed<Name>["handle"]>>;

const byName = new Map<string, JobKind>(kinds.map((kind) => [kind.name, kind as unknown as JobKind]));

export function jobKind<Name extends JobName>(name: Name): KindNamed<Name> {
  return byName.get(name) as unknown as KindNamed<Name>;
}

/** For the worker, which sees whatever name was stored, including names this build does not know. */
export function findJobKind(name: string): JobKind | undefined {
  return byName.get(name);
}

export const jobNames: readonly JobName[] = kinds.map((kind) => kind.name);
