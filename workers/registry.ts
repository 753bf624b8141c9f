// The one registry of job handlers: every job name of lib/queue/jobs.ts maps to the function that runs it.
// `satisfies` makes a new job name without a handler (or a handler for a name that does not exist) a type error.
import type { JobContext, JobData, JobName } from "@/lib/queue/jobs";
import { deliverNotification } from "@/workers/notifications/deliver-notification";
import { sweepNotifications } from "@/workers/notifications/sweep-notifications";
import { executeRun } from "@/workers/run/execute-run";

type Handlers = { [Name in JobName]: (payload: JobData<Name>, ctx: JobContext) => Promise<unknown> };

export const jobHandlers = {
  "release.scheduled": async ({ releaseId }, ctx) => {
    ctx.log(`release ${releaseId} scheduled (no-op)`);
  },
  "queue.probe": async ({ probeId, holdMs }) => {
    if (holdMs) await new Promise((resolve) => setTimeout(resolve, holdMs));
    return { probeId, handledBy: process.pid };
  },
  "run.execute": ({ runId }, ctx) => executeRun(runId, ctx),
  "notification.deliver": ({ deliveryId }, ctx) => deliverNotification(deliveryId, ctx),
  "notification.sweep": ({ now }) => sweepNotifications(now ? new Date(now) : new Date()),
} satisfies Handlers;

export type JobResult<Name extends JobName> = Awaited<ReturnType<(typeof jobHandlers)[Name]>>;
