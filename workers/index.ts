// The worker process (`npm run worker`, which adds the react-server condition that lib/'s `server-only` imports
// need; docs/queue.md): consumes the main queue until SIGTERM or SIGINT, then lets
// the jobs in hand finish, closes its connections and exits 0. Run as many of these as the load needs.
import { loadConfig } from "@/lib/config";
import { createQueueBackend, queueBackendOptionsFromEnv } from "@/lib/queue/backend";
import { MAIN_QUEUE } from "@/lib/queue/names";
import { ensureSchedules } from "@/lib/queue/schedules";
import { processJob } from "./process-job";
import { isolationSummary } from "./steps/command-sandbox";

const SHUTDOWN_GRACE_MS = 10_000;

// A bad setting stops the worker here, naming the variable.
const { COUNTDOWN_WORKER_CONCURRENCY: concurrency, COUNTDOWN_JOB_LOCK_MS: lockDuration } = loadConfig();
// Creates the runner user when we are root and it is missing; says once what keeps commands from our keys.
console.log(`[worker] ${isolationSummary()}`);
// Room for every concurrent job's queries plus the worker's LISTEN connection (Postgres backend).
const backend = createQueueBackend({ ...queueBackendOptionsFromEnv(), poolSize: concurrency + 4 });
// How long a job's lock lasts before another worker may take a stalled job over (BullMQ's default is 30 s); a
// run whose worker died is picked up within about twice this.
const worker = backend.createWorker(MAIN_QUEUE, processJob, { concurrency, lockDuration, stalledInterval: lockDuration });
worker.on("failed", (job, error) => console.error(`[worker] ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));

let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing the jobs in hand, then exiting`);
  // A job that does not finish in time is left to BullMQ's stalled-job detection on another worker.
  setTimeout(() => {
    console.error(`[worker] still busy after ${SHUTDOWN_GRACE_MS / 1000} s; exiting anyway`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS).unref();
  await worker.close();
  await backend.close();
  console.log("[worker] stopped");
  process.exit(0);
}
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, (received) => {
    shutdown(received).catch((error: Error) => {
      console.error(`[worker] shutdown failed: ${error.stack ?? error.message}`);
      process.exit(1);
    });
  });
}

await worker.waitUntilReady();
// The notification sweep (webhook outbox and reminders) runs every few seconds on whichever worker is free.
await ensureSchedules(backend.createQueue(MAIN_QUEUE));
// The pid is for whoever must signal this process itself: `npm run` sits behind a shell that may not pass
// SIGTERM on (docs/queue.md).
console.log(`[worker] pid ${process.pid}, queue "${MAIN_QUEUE}", concurrency ${concurrency}`);
console.log(`worker ready (backend: ${backend.kind})`);
