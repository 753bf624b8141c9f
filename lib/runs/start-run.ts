import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { ProcedureKind } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TRunStarted, TStartRun } from "@/lib/schemas/run";
import { assertAllowed, releaseEvent, startEvent } from "@/lib/releases/lifecycle";
import { defaultEnvironment } from "@/lib/releases/promotion";
import { appendEvent } from "@/lib/events/append-event";
import { gateTargetChange } from "@/lib/decisions/deploy-gate";
import { DECIDER_ROLES } from "@/lib/decisions/eligibility";
import { recordReadiness } from "@/lib/decisions/record-readiness";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { describeLockHolder } from "@/lib/runs/environment-lock";
import { assertMayStartRun } from "@/lib/environments/environment-protection";
import { requestedKind, resolveRunPlan, runStepsOf } from "@/lib/runs/pipeline";
import { loadReleasePlan, releasePlanOf, releaseProceduresInclude, rememberPlan } from "@/lib/plan/release-plan";
import { entryOf, loadPath, movePath } from "@/lib/releases/release-path";

/** Procedures that change what runs in an environment: one at a time per environment. */
export const LOCKING_KINDS: readonly ProcedureKind[] = ["deploy", "rollback"];

type StartOptions = {
  /** The failed run this one answers (automatic rollback); such a run is started by the system. */
  triggeredByRunId?: string;
};

/**
 * Starts a run of one of the release's procedures (or, for a deploy, of the environment's whole pipeline): copies its
 * steps from the release's own plan (never the template's), records that plan's digest on the run, takes the
 * environment lock, enqueues it.
 */
export async function startRun(releaseId: string, input: TStartRun, caller: Caller | null, opts: StartOptions = {}): Promise<TRunStarted> {
  const release = await db().release.findUnique({
    where: { id: releaseId },
    include: releaseProceduresInclude,
  });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  const kind = requestedKind(release.procedures, input.procedure);
  // Where it runs: one environment of the release's promotion path, by default the one the release is at (a
  // rollback: the nearest one where a deploy started).
  const path = await loadPath(db(), release.id);
  const environment = input.environment ?? defaultEnvironment(path, kind ?? "custom", release.environment);
  const { isLast } = entryOf(path, environment);
  // A deploy to an environment with a pipeline runs all of it as one run; anything else, one procedure (pipeline.ts).
  const runPlan = resolveRunPlan(release.procedures, input.procedure, environment);
  const procedure = { name: runPlan.name, kind: runPlan.kind, steps: runPlan.procedures.flatMap((p) => p.steps) };
  // Answer a refused run at once; the gate inside the transaction below is what decides (under the release's lock).
  assertAllowed(release.status, releaseEvent(startEvent(procedure.kind), isLast));
  // The environment's protection: which roles may start runs there (environment-protection.ts).
  await assertMayStartRun(environment, procedure.kind, caller);

  const steps = runStepsOf(runPlan);
  // The digest of the plan these steps come from; the gate below holds it to the quorum.
  const plan = releasePlanOf(release.procedures);

  const locks = LOCKING_KINDS.includes(procedure.kind);
  // Answer a busy environment at once; the insert below is what actually guarantees one holder.
  const holder = locks ? await describeLockHolder(environment) : null;
  if (holder) throw new AppError("ENVIRONMENT_LOCKED", `${environment} is busy: ${holder.summary}`, { runId: holder.runId });
  let runId: string;
  try {
    runId = await db().$transaction(async (tx) => {
      // Lifecycle, readiness, freezes: the one gate for every action that can change a target (deploy-gate.ts).
      const gate = await gateTargetChange(tx, release.id, { kind: procedure.kind, steps: procedure.steps, environment }, "start", caller, input.override);
      const run = await tx.run.create({
        data: {
          releaseId: release.id,
          procedureName: procedure.name,
          procedureKind: procedure.kind,
          environment,
          requestedById: caller?.id ?? null,
          triggeredByRunId: opts.triggeredByRunId ?? null,
          overrideReason: gate.overridden ? input.override!.reason : null,
          planDigest: plan.digest,
          startedInStatus: gate.status,
          startedInEnvironmentState: gate.environmentState,
          steps: {
            create: steps.map((s) => ({
              position: s.position,
              kind: s.kind,
              text: s.text,
              config: s.config as Prisma.InputJsonValue,
              stage: s.stage,
              weight: s.weight,
              procedureName: s.procedureName,
              procedureKind: s.procedureKind,
            })),
          },
        },
      });
      // The primary key on environment is the lock: of any number of concurrent requests exactly one inserts.
      if (locks) await tx.environmentLock.create({ data: { environment, runId: run.id } });
      await rememberPlan(tx, release.id, plan);
      await appendEvent(tx, release.id, {
        type: "run.requested",
        actorId: caller?.id ?? null,
        payload: {
          runId: run.id,
          procedure: procedure.name,
          kind: procedure.kind,
          environment,
          ...(runPlan.pipeline ? { pipeline: runPlan.procedures.map((p) => p.name) } : {}),
          planDigest: plan.digest,
          ...(opts.triggeredByRunId ? { triggeredByRunId: opts.triggeredByRunId, automatic: true } : {}),
          ...(gate.overridden ? { override: input.override!.reason } : {}),
        },
      });
      // Under the release's row lock (the gate took it; plan edits take it too): a plan edited since the steps
      // were copied above, and perhaps re-approved, is not what this run would run.
      if (procedure.kind === "deploy" && (await loadReleasePlan(tx, release.id)).digest !== plan.digest)
        throw new AppError("STALE_PLAN", "The release's plan was edited while the deploy was starting; look at it again");
      // The run's environment and the release move together (lifecycle.ts: the path's table and the release's).
      await movePath(tx, {
        releaseId: release.id,
        status: gate.status,
        environment,
        event: startEvent(procedure.kind),
        runId: run.id,
        actorId: caller?.id ?? null,
      });
      // Starting a run makes an admin a driver of the release: a go of theirs stops counting (eligibility.ts).
      if (caller && DECIDER_ROLES.includes(caller.role)) await recordReadiness(tx, release.id, caller.id);
      return run.id;
    });
  } catch (err) {
    if (locks && err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const winner = await describeLockHolder(environment);
      throw new AppError(
        "ENVIRONMENT_LOCKED",
        `${environment} is busy: ${winner?.summary ?? "another run holds it"}`,
        winner ? { runId: winner.runId } : undefined,
      );
    }
    throw err;
  }
  await enqueueRun(runId);
  return { runId };
}
