// npm start's watch over the embedded PostgreSQL: a postmaster that died (kill -9, the OOM killer) is started
// again; its crash recovery replays the WAL, so every committed write is back. Web and worker are not
// restarted: their pools and LISTEN connections reconnect on their own, and /api/health says `degraded`
// (database unavailable) until then. Many failed starts in a row stop `npm start`, saying so.
import type { Database } from "../services/database";

const CHECK_EVERY_MS = 1_000;
const MAX_FAILED_STARTS = 10;

export type DatabaseWatch = { stop(): void };

export function watchEmbeddedDatabase(database: Database, log: (line: string) => void, onGiveUp: (reason: string) => void): DatabaseWatch {
  if (!database.embedded || !database.alive || !database.restart) return { stop() {} };
  const { alive, restart } = database;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  const schedule = (ms: number, fn: () => Promise<void>) => {
    if (!stopped) timer = setTimeout(() => void fn(), ms);
  };

  const check = async () => {
    if (alive()) return schedule(CHECK_EVERY_MS, check);
    const downAt = Date.now();
    log("the embedded PostgreSQL is not running (it died); starting it again: its crash recovery replays the WAL");
    for (let failures = 0; !stopped;) {
      try {
        await restart();
        log(`the embedded PostgreSQL is back after ${((Date.now() - downAt) / 1000).toFixed(1)} s; web and worker reconnect on their own`);
        return schedule(CHECK_EVERY_MS, check);
      } catch (error) {
        // Right after a kill -9 its orphaned backends may still hold the shared memory for a moment.
        failures++;
        if (failures >= MAX_FAILED_STARTS) {
          onGiveUp(`the embedded PostgreSQL failed to start ${failures} times in a row (${(error as Error).message.split("\n")[0]}); giving up`);
          return;
        }
        const delay = Math.min(10_000, 500 * 2 ** failures);
        log(`the embedded PostgreSQL did not start (${(error as Error).message.split("\n")[0]}); trying again in ${(delay / 1000).toFixed(0)} s`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
  schedule(CHECK_EVERY_MS, check);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
