import type { TWaitStep } from "@/lib/schemas/step";
import type { StepContext, StepOutcome } from "@/workers/steps/step-types";

// A bake time. The page draws the live countdown from `until`; the log only needs a few landmarks.

/** How often a "... left" line is written: often enough to see the worker is alive, rarely enough to read. */
export const WAIT_PROGRESS_EVERY_MS = 30_000;

export type WaitStepDeps = {
  now?: () => number;
  /** Resolves after ms, or early when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * When the wait first began (epoch ms). A wait retried after a worker crash passes it so the bake
   * time is not started over; without it the wait starts now.
   */
  startedAt?: number;
};

export async function runWaitStep(step: TWaitStep, ctx: StepContext, deps: WaitStepDeps = {}): Promise<StepOutcome> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? abortableSleep;
  const start = deps.startedAt ?? now();
  const until = start + step.seconds * 1000;
  const result = { until: new Date(until).toISOString() };
  const left = () => Math.max(0, until - now());

  ctx.output("system", `waiting ${duration(left())} until ${clock(until)} UTC`);
  while (left() > 0) {
    if (ctx.signal.aborted) break;
    // Sleep to the next whole 30 s before the deadline so the "left" lines read 9:30, 9:00, ...
    const remaining = left();
    const toMark = remaining % WAIT_PROGRESS_EVERY_MS || WAIT_PROGRESS_EVERY_MS;
    await sleep(Math.min(remaining, toMark), ctx.signal);
    if (ctx.signal.aborted) break;
    if (left() >= 1000) ctx.output("system", `${duration(left())} left`);
  }
  if (ctx.signal.aborted) {
    const summary = `cancelled with ${duration(left())} left`;
    ctx.output("system", summary);
    return { status: "cancelled", summary, result };
  }
  ctx.output("system", `waited ${duration(step.seconds * 1000)}`);
  return { status: "succeeded", summary: `waited ${duration(step.seconds * 1000)}`, result };
}

/** "45 s", "9 min 30 s", "1 h 5 min": a bake time reads in the largest sensible unit. */
export function duration(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return s > 0 ? `${m} min ${s} s` : `${m} min`;
  return `${s} s`;
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
