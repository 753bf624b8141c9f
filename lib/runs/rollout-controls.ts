import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TStepActionBody } from "@/lib/schemas/run";
import { appendEvent } from "@/lib/events/append-event";
import { gateRunGoingOn, moveForRunGoingOn } from "@/lib/decisions/deploy-gate";
import { enqueueRun } from "@/lib/runs/enqueue-run";
import { assertMayStartRun } from "@/lib/environments/environment-protection";
import { promotionSkips } from "@/lib/canary/promote-to-full";

// The rollout controls of a running canary (docs/canary.md): pause and resume a bake, promote to full. A bake is a
// wait or a watch step; its pause is state in the database (RunStep.pausedAt/pausedBy/pausedMs), which the worker
// executing the run reads every half second (workers/run/run-watch.ts), so it holds across processes and queues.
// "Promote this stage" is the gate's continue (step-action.ts). Who: the route's roles (managers, admins) and the
// environment's deployers, as for starting a run. Resume and promote let the run go on changing the target, so
// they pass the one gate (gateTargetChange) at this moment; pause is not gated (it only holds the run still).

const BAKE_KINDS = ["wait", "watch"];

type Tx = Prisma.TransactionClient;

async function loadStep(tx: Tx, runId: string, stepId: string, caller: Caller) {
  const step = await tx.runStep.findFirst({
    where: { id: stepId, runId },
    include: {
      run: { include: { steps: { select: { id: true, kind: true, config: true, position: true, stage: true, weight: true, status: true, text: true } } } },
    },
  });
  if (!step) throw new AppError("NOT_FOUND", "Step not found");
  await assertMayStartRun(step.run.environment, step.run.procedureKind, caller);
  return step;
}

function assertRunRunning(run: { status: string }) {
  if (run.status !== "running") throw new AppError("CONFLICT", `The run is ${run.status.replace("_", " ")}`, { state: run.status });
}

function assertRunningBake(step: { kind: string; status: string }, doing: string) {
  if (!BAKE_KINDS.includes(step.kind)) throw new AppError("CONFLICT", `Only a bake (a wait or a watch) can be ${doing}; this step is a ${step.kind}`);
  if (step.status !== "running") throw new AppError("CONFLICT", `Only a running bake can be ${doing}; this one is ${step.status}`, { state: step.status });
}

/** Holds a running bake's clock still; the worker keeps the run (and a watch keeps judging its samples). */
export async function pauseBake(runId: string, stepId: string, caller: Caller) {
  return db().$transaction(async (tx) => {
    const step = await loadStep(tx, runId, stepId, caller);
    assertRunningBake(step, "paused");
    assertRunRunning(step.run);
    if (step.pausedAt) throw new AppError("CONFLICT", `The bake is already paused (by ${step.pausedBy ?? "someone"})`, { state: "paused" });
    const at = new Date();
    const { count } = await tx.runStep.updateMany({ where: { id: stepId, status: "running", pausedAt: null }, data: { pausedAt: at, pausedBy: caller.name } });
    if (count === 0) throw new AppError("CONFLICT", "The bake changed meanwhile; reload to see where it is");
    await appendEvent(tx, step.run.releaseId, {
      type: "step.paused",
      actorId: caller.id,
      payload: { runId, stepId, text: step.text, pausedBy: caller.name, at: at.toISOString() },
    });
    return { runId, stepId, action: "pause" as const };
  });
}

/** Lets a paused bake's clock run again: its deadline moves by the time it was paused. Gated (the run goes on). */
export async function resumeBake(runId: string, stepId: string, caller: Caller, input: TStepActionBody = {}) {
  return db().$transaction(async (tx) => {
    const step = await loadStep(tx, runId, stepId, caller);
    assertRunningBake(step, "resumed");
    assertRunRunning(step.run);
    if (!step.pausedAt) throw new AppError("CONFLICT", "The bake is not paused", { state: "running" });
    const pausedForMs = Math.max(0, Date.now() - step.pausedAt.getTime());
    // The step first, the release's lock (in the gate) last: the worker's order.
    const { count } = await tx.runStep.updateMany({
      where: { id: stepId, status: "running", pausedAt: step.pausedAt },
      data: { pausedAt: null, pausedBy: null, pausedMs: { increment: pausedForMs } },
    });
    if (count === 0) throw new AppError("CONFLICT", "The bake changed meanwhile; reload to see where it is");
    const { run } = step;
    const gate = await gateRunGoingOn(tx, run, "resume", caller, input.override);
    await appendEvent(tx, run.releaseId, {
      type: "step.resumed",
      actorId: caller.id,
      payload: { runId, stepId, text: step.text, pausedForMs, ...(gate.overridden ? { override: input.override!.reason } : {}) },
    });
    return { runId, stepId, action: "resume" as const };
  });
}

/**
 * Goes to the canary's last stage now: skips every step of the earlier stages that has not finished (their weight
 * commands, bakes and gates) from the current one on, and the last stage runs as planned (its weight command, then
 * its bake). Allowed at a canary's waiting gate (the run is parked: it is queued again) or during one of its bakes
 * (the worker executing it stops the bake within half a second and goes on). Recorded on each skipped step and as a
 * `canary.promoted-to-full` event listing them.
 */
export async function promoteToFull(runId: string, stepId: string, caller: Caller, input: TStepActionBody = {}) {
  const parked = await db().$transaction(async (tx) => {
    const step = await loadStep(tx, runId, stepId, caller);
    const { run } = step;
    const atGate = step.kind === "gate" && step.status === "waiting";
    const baking = BAKE_KINDS.includes(step.kind) && step.status === "running";
    if (step.stage === null) throw new AppError("CONFLICT", "Only a step of a canary can be promoted to full");
    if (!atGate && !baking)
      throw new AppError("CONFLICT", `A canary is promoted to full at its waiting gate or during a bake; this step is ${step.status}`, { state: step.status });
    assertRunRunning(run);
    const plan = promotionSkips(run.steps, step.position);
    if (plan.skip.length === 0) throw new AppError("CONFLICT", `The canary is already at its last stage (${plan.toWeight} %)`, { state: "last-stage" });
    const result = JSON.stringify({ skippedBy: caller.name, promotedToFull: true });
    const skipped = await tx.$executeRaw`
      UPDATE "RunStep" SET status = 'skipped', "finishedAt" = now(), "pausedAt" = NULL, result = COALESCE(result, '{}'::jsonb) || ${result}::jsonb
      WHERE id = ANY (${plan.skip.map((s) => s.id)}::uuid[]) AND status::text = ANY (${["pending", "waiting", "running"]}::text[])`;
    if (skipped !== plan.skip.length) throw new AppError("CONFLICT", "The canary moved on meanwhile; reload to see where it is");
    const gate = await gateRunGoingOn(tx, run, "promote", caller, input.override);
    await appendEvent(tx, run.releaseId, {
      type: "canary.promoted-to-full",
      actorId: caller.id,
      payload: {
        runId,
        stepId,
        text: step.text,
        fromWeight: plan.fromWeight,
        toWeight: plan.toWeight,
        skipped: plan.skip.map((s) => ({ stepId: s.id, text: s.text })),
        ...(gate.overridden ? { override: input.override!.reason } : {}),
      },
    });
    await moveForRunGoingOn(tx, run, gate.status, caller.id);
    return atGate;
  });
  // At a gate no worker holds the run: it is handed to one. During a bake the worker executing it goes on by itself.
  if (parked) await enqueueRun(runId);
  return { runId, stepId, action: "promote-to-full" as const };
}
