import type { TWaitStep } from "@/lib/schemas/step";
import { pausedFor, type StepContext, type StepOutcome } from "@/workers/steps/step-types";

// A bake time. The page draws the live countdown from `until`; the log only needs a few landmarks.

/** How often a "... left" line is written: often enough to see the worker is alive, rarely enough to read. */
export const WAIT_PROGRESS_EVERY_MS = 30_000;
/** How often a bake that can be paused looks at its pause state (the orchestrator refreshes it every 500 ms). */
export const PAUSE_CHECK_MS = 500;

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
  // Paused time does not count: the deadline moves by it (a pause is looked at every PAUSE_CHECK_MS).
  const left = () => Math.max(0, until + pausedFor(ctx.paused?.(), now()) - now());
  const chunk = ctx.paused ? PAUSE_CHECK_MS : Infinity;

  ctx.output("system", `waiting ${duration(left())} until ${clock(until)} UTC`);
  let mark = Math.ceil(left() / WAIT_PROGRESS_EVERY_MS);
  let pausedBy: string | null = null;
  while (left() > 0) {
    if (ctx.signal.aborted) break;
    const pause = ctx.paused?.();
    if (pause && pause.since !== null) {
      if (pausedBy === null) ctx.output("system", `paused by ${pause.by ?? "someone"} with ${duration(left())} left`);
      pausedBy = pause.by ?? "someone";
      await sleep(PAUSE_CHECK_MS, ctx.signal);
      continue;
    }
    if (pausedBy !== null) ctx.output("system", `resumed with ${duration(left())} left`);
    pausedBy = null;
    // Sleep to the next whole 30 s before the deadline so the "left" lines read 9:30, 9:00, ...
    const remaining = left();
    const toMark = remaining % WAIT_PROGRESS_EVERY_MS || WAIT_PROGRESS_EVERY_MS;
    await sleep(Math.min(remaining, toMark, chunk), ctx.signal);
    if (ctx.signal.aborted) break;
    const reached = Math.ceil(left() / WAIT_PROGRESS_EVERY_MS);
    if (reached < mark && left() >= 1000) ctx.output("system", `${duration(left())} left`);
    mark = reached;
  }
  const paused = pausedFor(ctx.paused?.(), now());
  const pausedNote = paused >= 1000 ? ` (paused ${duration(paused)})` : "";
  if (ctx.signal.aborted) {
    const summary = `cancelled with ${duration(left())} left`;
    ctx.output("system", summary);
    return { status: "cancelled", summary, result };
  }
  ctx.output("system", `waited ${duration(step.seconds * 1000)}${pausedNote}`);
  return { status: "succeeded", summary: `waited ${duration(step.seconds * 1000)}${pausedNote}`, result };
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
