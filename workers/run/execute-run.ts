// The `run.execute` job: executes a run's steps in order from where it stands. Safe to run again after a
// crash (BullMQ's stalled-job detection re-delivers the job): a command step found "running" may have had side
// effects, so it is marked interrupted and the run waits for a person; an http check or a wait is simply re-run.
import { db } from "@/lib/db";
import type { JobContext } from "@/lib/queue/jobs";
import { createMasker, maskDeep, type Masker } from "@/lib/secrets/mask-secrets";
import type { Prisma, RunStep } from "@/lib/generated/prisma/client";
import { OutputBatcher } from "./output-batcher";
import { runEnvironment } from "./run-context";
import { finishRun, finishStep, markRunRunning, markStep } from "./run-transitions";
import { watchRun } from "./run-watch";
import { executeStep } from "./execute-step";
import { afterRun } from "./after-run";
import { recordSample } from "./record-sample";
import { capOutput, runOutputMaxBytes } from "./output-cap";
import { openRunSandbox, type RunSandbox } from "@/workers/steps/command-sandbox";

const DONE = new Set(["succeeded", "skipped"]);

export async function executeRun(runId: string, ctx: JobContext): Promise<{ status: string }> {
  const run = await db().run.findUnique({ where: { id: runId }, include: { steps: { orderBy: { position: "asc" } } } });
  if (!run) {
    ctx.log(`run ${runId} does not exist; nothing to do`);
    return { status: "missing" };
  }
  if (!(await markRunRunning(run))) return { status: run.status };

  const { env, secretValues, release, allowedHosts } = await runEnvironment(run);
  const mask = createMasker(secretValues);
  const output = new OutputBatcher(run.releaseId, run.id, run.steps[0].id);
  const watch = watchRun(run.id);
  // One directory per run (its steps share it), removed when this job ends; see command-sandbox.ts.
  const sandbox = openRunSandbox();
  const capped = capOutput(runOutputMaxBytes(), (stream, line) => output.push(stream, line));
  try {
    // A step's end may start the next step in the same statement (finishStep): that step is then not started again.
    let startedByPrevious = false;
    for (const [i, step] of run.steps.entries()) {
      if (DONE.has(step.status)) continue;
      const outcome = await advance(run, step, run.steps[i + 1] ?? null, startedByPrevious, {
        env,
        hosts: { allowed: allowedHosts, environment: run.environment },
        mask,
        output,
        capped,
        sandbox,
        signal: watch.signal,
        watch,
        releaseT0: release.scheduledAt.getTime(),
      });
      if (outcome === "stop") return { status: "stopped" };
      startedByPrevious = outcome === "next-started";
    }
    await output.flush();
    if (await finishRun(run, "succeeded")) await afterRun(run.id);
    return { status: "succeeded" };
  } finally {
    watch.stop();
    sandbox.remove();
    await output.flush();
  }
}

type StepDeps = {
  env: Record<string, string>;
  /** The environment's allowed hosts for http and watch steps; empty: any. */
  hosts: { allowed: string[]; environment: string };
  mask: Masker;
  output: OutputBatcher;
  capped: ReturnType<typeof capOutput>;
  sandbox: RunSandbox;
  signal: AbortSignal;
  watch: ReturnType<typeof watchRun>;
  releaseT0: number;
};

/** Whether a person skipped the step while this worker held the run (rollout-controls.ts promoteToFull). */
async function skippedMeanwhile(stepId: string): Promise<boolean> {
  const row = await db().runStep.findUnique({ where: { id: stepId }, select: { status: true } });
  return row?.status === "skipped";
}

/** The event a step's start appends. */
const startEvent = (step: RunStep) => ({ type: "step.started", payload: { text: step.text, kind: step.kind, position: step.position, status: "running" } });

/**
 * Runs one step; "stop" when the run cannot go on now (failed, parked at a gate, interrupted, cancelled),
 * "next-started" when its end also started `next`.
 */
async function advance(
  run: { id: string; releaseId: string },
  step: RunStep,
  next: RunStep | null,
  startedByPrevious: boolean,
  deps: StepDeps,
): Promise<"next" | "next-started" | "stop"> {
  if (step.status === "running" && step.kind === "command") {
    await markStep(
      run,
      step.id,
      ["running"],
      { status: "interrupted", finishedAt: new Date() },
      { type: "step.interrupted", payload: { text: step.text, status: "interrupted" } },
    );
    await finishRun(run, "needs_attention", { reason: `"${step.text || "command"}" was interrupted (its worker stopped); retry or skip it` });
    return "stop";
  }
  if (step.kind === "gate") {
    if (step.status === "pending") {
      const parked = await markStep(
        run,
        step.id,
        ["pending"],
        { status: "waiting", startedAt: new Date() },
        { type: "step.waiting", payload: { text: step.text, status: "waiting" } },
      );
      if (!parked && (await skippedMeanwhile(step.id))) return "next";
    }
    return "stop";
  }
  if (!["pending", "running"].includes(step.status)) return "stop";
  if (deps.signal.aborted) return "stop";

  const started = startedByPrevious
    ? Promise.resolve(true)
    : markStep(run, step.id, ["pending", "running"], { status: "running", startedAt: new Date(), newAttempt: true }, startEvent(step));
  // A command must be on record as running before it runs (a crash then leaves it "interrupted", never run
  // twice). An http check may be re-run after a crash, so its request goes out while the start is being stored;
  // its output and result are still stored after the start (the batcher waits for it).
  if (step.kind === "http") deps.output.after(started);
  else if (!(await started)) return (await skippedMeanwhile(step.id)) ? "next" : "stop";
  deps.output.forStep(step.id);
  // A bake is watched on its own: it can be paused, and skipped by a promotion to full without stopping the run.
  const bake = step.kind === "wait" || step.kind === "watch" ? deps.watch.bake(step) : null;
  // Samples are stored one after another, and all of them before the step's final result: a sample written
  // after it would overwrite the result (and a concurrent pair could drop one from the chart).
  let samples: Promise<void> = Promise.resolve();
  const outcome = await executeStep(step, {
    env: deps.env,
    hosts: deps.hosts,
    cwd: deps.sandbox.dir,
    runner: deps.sandbox.runner,
    signal: bake?.signal ?? deps.signal,
    paused: bake?.pause,
    // Masked first, then counted: the cap never cuts through a secret.
    output: (stream, line) => deps.capped.push(stream, deps.mask(line)),
    masker: deps.mask,
    sample: (s) => {
      samples = samples.then(() => recordSample(run, step.id, s)).catch((err: Error) => console.error(`[run ${run.id}] storing a sample failed:`, err.message));
    },
    releaseT0: deps.releaseT0,
  }).finally(() => bake?.end());
  await started;
  await samples;
  const lines = await deps.output.drain();
  // An HTTP check's result quotes response headers and JSON values: mask each string before it is JSON-escaped
  // (a secret with a quote or a backslash in it would no longer match once escaped).
  if (outcome.result) outcome.result = maskDeep(outcome.result, deps.mask);
  const status = outcome.status === "succeeded" ? "succeeded" : outcome.status === "cancelled" ? "cancelled" : "failed";
  // The next step starts with this one's end when it would start right after anyway (not a gate, not skipped).
  const startNext = status === "succeeded" && next !== null && next.status === "pending" && next.kind !== "gate" && !deps.signal.aborted;
  const end = await finishStep(
    run,
    step.id,
    lines,
    { status, exitCode: outcome.exitCode ?? null, result: outcome.result as Prisma.InputJsonObject | undefined },
    {
      type: `step.${status}`,
      payload: {
        text: step.text,
        status,
        summary: deps.mask(outcome.summary),
        ...(outcome.exitCode != null ? { exitCode: outcome.exitCode } : {}),
        ...(outcome.result ? { result: outcome.result as Prisma.InputJsonObject } : {}),
      },
    },
    startNext ? { stepId: next.id, event: startEvent(next) } : null,
  ).catch((err: unknown) => {
    deps.output.restore(lines); // stored by the run's final flush, or by the retry
    throw err;
  });
  // Skipped meanwhile (a promotion to full skips the bake it interrupts, and the stages before the last).
  if (!end.finished && (await skippedMeanwhile(step.id))) return "next";
  if (status === "succeeded") return end.started ? "next-started" : "next";
  if (status === "failed" && (await finishRun(run, "failed", { stepId: step.id, reason: deps.mask(outcome.summary) }))) await afterRun(run.id);
  return "stop";
}
