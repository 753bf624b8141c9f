// One handler per step kind (workers/steps/); a gate never gets here: it parks the run until someone continues.
import { ZCommandStep, ZHttpStep, ZWaitStep, ZWatchStep } from "@/lib/schemas/step";
import type { RunStep } from "@/lib/generated/prisma/client";
import { runCommandStep } from "@/workers/steps/command-step";
import { runHttpStep } from "@/workers/steps/http-step";
import { runWaitStep } from "@/workers/steps/wait-step";
import type { WatchSample } from "@/lib/schemas/step";
import { runWatchStep } from "@/workers/steps/watch-step";
import type { StepContext, StepOutcome } from "@/workers/steps/step-types";

export async function executeStep(step: RunStep, ctx: StepContext & { sample: (s: WatchSample) => void; releaseT0?: number }): Promise<StepOutcome> {
  const config = { ...(step.config as object), kind: step.kind, text: step.text };
  switch (step.kind) {
    case "command":
      return runCommandStep(ZCommandStep.parse(config), ctx);
    case "http":
      return runHttpStep(ZHttpStep.parse(config), ctx);
    case "wait":
      return runWaitStep(ZWaitStep.parse(config), ctx);
    case "watch":
      return runWatchStep(ZWatchStep.parse(config), ctx);
    default:
      return { status: "failed", summary: `a ${step.kind} step cannot be executed by a worker` };
  }
}
