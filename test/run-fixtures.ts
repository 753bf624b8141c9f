// Helpers for run tests: a release whose template has the procedures a test needs, a worker in this process
// on the real queue, and waiting for a run to reach a status.
import { db } from "@/lib/db";
import { queueBackend } from "@/lib/queue/backend";
import { MAIN_QUEUE } from "@/lib/queue/names";
import type { Caller } from "@/lib/auth/roles";
import type { ReleaseEnvironmentState, ReleaseStatus } from "@/lib/generated/prisma/enums";
import { createRelease } from "@/lib/releases/create-release";
import { saveTemplate, type TemplateDraft } from "@/lib/templates/save-template";
import { processJob } from "@/workers/process-job";
import { uid } from "@/test/factories";
import { waitFor } from "@/test/wait-for";

/**
 * A release of a template with `procedures` and nothing required before T-0. Unless `ready: false`, its template's
 * policy asks for no go (written directly: through the API that takes an admin and a reason), so the release is
 * ready and the gate lets its runs start; `status` then puts it anywhere in its lifecycle (e.g. verifying).
 */
export async function releaseWithProcedures(
  manager: Caller,
  procedures: TemplateDraft["procedures"],
  opts: { environment?: string; autoRollback?: boolean; ready?: boolean; status?: ReleaseStatus } = {},
) {
  const template = await saveTemplate(
    { name: `Runs ${uid()}`, phases: [{ title: "Launch", offsetMinutes: 0, items: [{ text: "Go", required: false, ownerRole: null }] }], procedures },
    null,
  );
  if (opts.ready !== false) await db().approvalPolicy.create({ data: { templateId: template.id, releaseType: "regular", minGoes: 0 } });
  const release = await createRelease(
    {
      templateId: template.id,
      name: `Run test ${uid()}`,
      version: "1.0.0",
      type: "regular",
      environment: opts.environment ?? `env-${uid()}`,
      scheduledAt: new Date("2030-01-01T00:00:00Z"),
      autoRollback: opts.autoRollback ?? false,
    },
    manager,
  );
  if (opts.status) {
    await db().release.update({ where: { id: release.id }, data: { status: opts.status } });
    // Its one environment stands where the status says (as the promotion-path migration put existing releases).
    await db().releaseEnvironment.updateMany({ where: { releaseId: release.id }, data: { state: environmentStateOf(opts.status) } });
  }
  return { ...release, status: opts.status ?? release.status };
}

export function environmentStateOf(status: ReleaseStatus): ReleaseEnvironmentState {
  const states: Partial<Record<ReleaseStatus, ReleaseEnvironmentState>> = {
    deploying: "deploying",
    verifying: "verifying",
    released: "deployed",
    rolled_back: "rolled_back",
  };
  return states[status] ?? "pending";
}

export function startInProcessWorker(concurrency = 4) {
  const worker = queueBackend().createWorker(MAIN_QUEUE, processJob, { concurrency });
  return { worker, stop: () => worker.close() };
}

export async function waitForRun(runId: string, statuses: string[], timeoutMs = 30_000) {
  return waitFor(
    `run ${runId} to be ${statuses.join("/")}`,
    async () => {
      const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { steps: { orderBy: { position: "asc" } } } });
      return statuses.includes(run.status) ? run : null;
    },
    timeoutMs,
    100,
  );
}

/**
 * A canary step against a fake target at `url`: its weight command POSTs /weight/{{weight}}, its watch reads
 * `errorRate` from GET /metrics (healthy below 1) every 0.25 s and fails on the first breach.
 */
export const canaryStep = (url: string, stages: { weight: number; bakeSec: number; promotion: "auto" | "manual" }[]) => ({
  kind: "canary" as const,
  text: "Canary",
  weightCommand: `curl -fsS -X POST ${url}/weight/{{weight}}`,
  stages,
  watch: {
    text: "error rate",
    source: { type: "json" as const, url: `${url}/metrics`, path: "$.errorRate" },
    healthy: { op: "<" as const, value: 1 },
    unit: "%",
    intervalSec: 0.25,
    failAfter: 1,
    maxMissing: 3,
  },
});
