import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TStepAction, TStepActionBody, TStepActionDone } from "@/lib/schemas/run";
import { pauseBake, promoteToFull, resumeBake } from "@/lib/runs/rollout-controls";
import { appendEvent } from "@/lib/events/append-event";
import { gateRunGoingOn, moveForRunGoingOn } from "@/lib/decisions/deploy-gate";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { describeLockHolder } from "@/lib/runs/environment-lock";
import { LOCKING_KINDS } from "@/lib/runs/start-run";
import { assertMayStartRun } from "@/lib/environments/environment-protection";

type Action = TStepAction;

/**
 * A person decides how a stopped run goes on: retry or skip an interrupted or failed step, or continue past a
 * gate. Each of these changes the target as much as starting the run did, so each passes the same gate at this
 * moment (deploy-gate.ts gateTargetChange: lifecycle, readiness, freezes; an admin may override with a reason;
 * rollbacks are never gated). The run is queued again (taking the environment lock back if it let go of it) and
 * handed to a worker. A deploy going on moves the release back to deploying, as the lifecycle says, so its success
 * is a legal deploying -> verifying.
 */
export async function stepAction(runId: string, stepId: string, action: Action, caller: Caller, input: TStepActionBody = {}): Promise<TStepActionDone> {
  // The rollout controls of a canary (rollout-controls.ts).
  if (action === "pause") return pauseBake(runId, stepId, caller);
  if (action === "resume") return resumeBake(runId, stepId, caller, input);
  if (action === "promote-to-full") return promoteToFull(runId, stepId, caller, input);
  try {
    await db().$transaction(async (tx) => {
      const step = await tx.runStep.findFirst({
        where: { id: stepId, runId },
        include: { run: { include: { steps: { select: { kind: true, config: true } } } } },
      });
      if (!step) throw new AppError("NOT_FOUND", "Step not found");
      const { run } = step;
      await assertMayStartRun(run.environment, run.procedureKind, caller);
      // The step and the run change first, the release's lock comes last (the worker's order: no deadlock with it);
      // a refusal by the gate rolls all of it back.
      if (action === "continue") {
        if (step.kind !== "gate" || step.status !== "waiting") throw new AppError("CONFLICT", "Only a gate that is waiting can be continued");
        const { count } = await tx.runStep.updateMany({
          where: { id: stepId, status: "waiting" },
          data: { status: "succeeded", finishedAt: new Date(), result: { continuedBy: caller.name } },
        });
        if (count === 0) throw new AppError("CONFLICT", "The gate was already continued");
      } else {
        if (!["interrupted", "failed"].includes(step.status))
          throw new AppError("CONFLICT", `Only an interrupted or failed step can be ${action === "retry" ? "retried" : "skipped"}; this one is ${step.status}`);
        if (!["needs_attention", "failed"].includes(run.status)) throw new AppError("CONFLICT", `The run is ${run.status.replace("_", " ")}`);
        const later = await tx.runStep.count({ where: { runId, position: { gt: step.position }, status: { notIn: ["pending", "cancelled"] } } });
        if (later > 0) throw new AppError("CONFLICT", "Only the step where the run stopped can be retried or skipped");
        await tx.runStep.update({
          where: { id: stepId },
          data: action === "retry" ? { status: "pending", exitCode: null, result: Prisma.DbNull, finishedAt: null } : { status: "skipped" },
        });
        await tx.runStep.updateMany({ where: { runId, position: { gt: step.position }, status: "cancelled" }, data: { status: "pending" } });
        await tx.run.update({ where: { id: runId }, data: { status: "queued", finishedAt: null } });
        if (LOCKING_KINDS.includes(run.procedureKind)) {
          await tx.environmentLock.upsert({ where: { runId }, create: { environment: run.environment, runId }, update: {} });
        }
      }
      const gate = await gateRunGoingOn(tx, run, action, caller, input.override);
      // A run going on after it stopped is checking (or deploying) what is there now.
      if (action !== "continue")
        await tx.run.update({ where: { id: runId }, data: { startedInStatus: gate.status, startedInEnvironmentState: gate.environmentState } });
      await appendEvent(tx, run.releaseId, {
        type: `step.${action === "continue" ? "continued" : action === "retry" ? "retried" : "skipped"}`,
        actorId: caller.id,
        payload: { runId, stepId, text: step.text, ...(gate.overridden ? { override: input.override!.reason } : {}) },
      });
      await moveForRunGoingOn(tx, run, gate.status, caller.id);
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
      const holder = await describeLockHolder(run.environment);
      throw new AppError("ENVIRONMENT_LOCKED", `${run.environment} is busy: ${holder?.summary ?? "another run holds it"}`);
    }
    throw err;
  }
  await enqueueRun(runId);
  return { runId, stepId, action };
}
