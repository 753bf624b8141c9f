// While a run executes: a heartbeat every few seconds (a running run without one is flagged on the page), and
// a look at its status every half second, so a cancel from the page stops the step's processes promptly. While a
// bake (a wait or a watch) runs, the same look reads that step too: a pause or resume from the page reaches the bake
// within half a second on any worker process (the state is in the database), and a bake skipped by "promote to
// full" (lib/runs/rollout-controls.ts) is stopped without stopping the run.
import { db } from "@/lib/db";
import type { PauseState } from "@/workers/steps/step-types";

const CHECK_MS = 500;
const HEARTBEAT_MS = 5_000;

type Watched = { id: string; controller: AbortController; pause: PauseState };

export function watchRun(runId: string) {
  const controller = new AbortController();
  let lastBeat = 0;
  let busy = false;
  let bake: Watched | null = null;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const run = await db().run.findUnique({ where: { id: runId }, select: { status: true } });
      if (!run || run.status === "cancelled") controller.abort();
      else if (Date.now() - lastBeat >= HEARTBEAT_MS) {
        await db().run.updateMany({ where: { id: runId, status: "running" }, data: { heartbeatAt: new Date() } });
        lastBeat = Date.now();
      }
      const watched = bake;
      if (watched) {
        const step = await db().runStep.findUnique({ where: { id: watched.id }, select: { status: true, pausedAt: true, pausedBy: true, pausedMs: true } });
        if (step) watched.pause = { since: step.pausedAt?.getTime() ?? null, by: step.pausedBy, totalMs: step.pausedMs };
        if (!step || step.status !== "running") watched.controller.abort();
      }
    } catch (err) {
      // The database may be away for a moment; the next tick tries again.
      console.error(`[run ${runId}] status check failed:`, (err as Error).message);
    } finally {
      busy = false;
    }
  }, CHECK_MS);
  return {
    signal: controller.signal,
    /**
     * Watches a bake step while it runs: its signal aborts when the run is cancelled or the step stops being
     * running (skipped by a promotion to full); `pause()` is its latest pause state. `end()` when the step is done.
     */
    bake(step: { id: string; pausedAt: Date | null; pausedBy: string | null; pausedMs: number }) {
      const watched: Watched = {
        id: step.id,
        controller: new AbortController(),
        pause: { since: step.pausedAt?.getTime() ?? null, by: step.pausedBy, totalMs: step.pausedMs },
      };
      bake = watched;
      return {
        signal: AbortSignal.any([controller.signal, watched.controller.signal]),
        pause: () => watched.pause,
        end: () => {
          if (bake === watched) bake = null;
        },
      };
    },
    stop: () => clearInterval(timer),
  };
}
