// While a run executes: a heartbeat every few seconds (a running run without one is flagged on the page), and
// a look at its status every half second, so a cancel from the page stops the step's processes promptly.
import { db } from "@/lib/db";

const CHECK_MS = 500;
const HEARTBEAT_MS = 5_000;

export function watchRun(runId: string) {
  const controller = new AbortController();
  let lastBeat = 0;
  let busy = false;
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
    } catch (err) {
      // The database may be away for a moment; the next tick tries again.
      console.error(`[run ${runId}] status check failed:`, (err as Error).message);
    } finally {
      busy = false;
    }
  }, CHECK_MS);
  return {
    signal: controller.signal,
    stop: () => clearInterval(timer),
  };
}
