// Where BullMQ keeps its jobs: PostgreSQL by default (the app's own database, schema `bullmq`), Redis when
// REDIS_URL is set. Everything else in the app sees the same Queue / Worker / QueueEvents API either way.
import {
  DEFAULT_SCHEMA,
  assertSchemaCompatibility,
  createPostgresBackend,
  createRedisBackend,
  runMigrations,
  withBackend,
  type BackendClasses,
  type IQueueBackend,
  type Job,
  type JobProgress,
  type Queue,
  type QueueEvents,
  type Worker,
  type WorkerOptions,
} from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { config } from "@/lib/config";
import { DEFAULT_JOB_OPTIONS, MAIN_QUEUE } from "./names";

// Re-exported so code outside lib/queue never imports bullmq itself.
export { UnrecoverableError, type Job } from "bullmq";

export type QueueBackendKind = "postgres" | "redis";
export type QueueBackendOptions = { databaseUrl?: string; redisUrl?: string; poolSize?: number };

// Erased to the common backend interface so callers never depend on which datastore is behind the queue.
export type JobQueue = Queue<unknown, unknown, string, unknown, unknown, string, IQueueBackend, unknown>;
export type JobWorker = Worker<unknown, unknown, string, IQueueBackend, JobProgress, unknown>;
export type JobQueueEvents = QueueEvents<unknown, IQueueBackend, unknown>;
export type JobProcessor = (job: Job, token?: string, signal?: AbortSignal) => Promise<unknown>;
export type WorkerSettings = Omit<WorkerOptions, "connection">;

export interface QueueBackend {
  readonly kind: QueueBackendKind;
  createQueue(name: string): JobQueue;
  createWorker(name: string, processor: JobProcessor, settings?: WorkerSettings): JobWorker;
  createQueueEvents(name: string): JobQueueEvents;
  /** "ok", or a short reason that is safe to show to any caller (details go to the server log). */
  health(): Promise<"ok" | string>;
  /** Closes every Queue / Worker / QueueEvents it made, then its own connections. */
  close(): Promise<void>;
}

/**
 * BullMQ resolves its tables through `search_path` and only honours a custom schema when it builds the pg pool
 * itself, which it does with `require("pg")`: unavailable in native ESM and in bundled Next.js code. So we hand
 * it a pool we build, pinned to BullMQ's default schema.
 */
export const QUEUE_SCHEMA = DEFAULT_SCHEMA;
const HEALTH_TIMEOUT_MS = 2_000;

/** Creates or upgrades BullMQ's tables in the `bullmq` schema; safe to run from many processes at once. */
export async function migrateQueue(databaseUrl: string): Promise<number> {
  // runMigrations needs one dedicated session: its advisory lock and its transaction must share it.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await runMigrations(client, QUEUE_SCHEMA);
  } finally {
    await client.end();
  }
}

export function createQueueBackend(options: QueueBackendOptions): QueueBackend {
  if (options.redisUrl) return redisBackend(options.redisUrl);
  if (!options.databaseUrl) throw new Error("DATABASE_URL is not set: the job queue lives in PostgreSQL unless REDIS_URL is set");
  return postgresBackend(options.databaseUrl, options.poolSize ?? 10);
}

export function queueBackendOptionsFromEnv(): QueueBackendOptions {
  return { databaseUrl: config().DATABASE_URL, redisUrl: config().REDIS_URL };
}

// One backend and one Queue per queue name per process. Kept on globalThis so Next.js dev reloads reuse them
// instead of leaking a pool per edit.
const cache = globalThis as unknown as { countdownQueueBackend?: QueueBackend; countdownQueues?: Map<string, JobQueue> };

/** The process's backend, chosen from DATABASE_URL / REDIS_URL on first use. */
export function queueBackend(): QueueBackend {
  cache.countdownQueueBackend ??= createQueueBackend(queueBackendOptionsFromEnv());
  return cache.countdownQueueBackend;
}

export function getQueue(name: string = MAIN_QUEUE): JobQueue {
  cache.countdownQueues ??= new Map();
  let queue = cache.countdownQueues.get(name);
  if (!queue) {
    queue = queueBackend().createQueue(name);
    cache.countdownQueues.set(name, queue);
  }
  return queue;
}

/** For GET /api/health: answers within about 2 s whatever state the queue's datastore is in. */
export function queueHealth(): Promise<"ok" | string> {
  return queueBackend().health();
}

export async function closeQueues(): Promise<void> {
  const backend = cache.countdownQueueBackend;
  cache.countdownQueueBackend = undefined;
  cache.countdownQueues = undefined;
  await backend?.close();
}

function postgresBackend(databaseUrl: string, poolSize: number): QueueBackend {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    // Each Worker and QueueEvents holds one of these connections for LISTEN for as long as it runs.
    max: poolSize,
    keepAlive: true,
    connectionTimeoutMillis: 5_000,
    options: `-c search_path=${QUEUE_SCHEMA}`,
    application_name: "countdown-queue",
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error(`[queue] postgres pool: ${error.message}`));
  return bullmqBackend("postgres", withBackend(createPostgresBackend), pool, {
    async ping() {
      await assertSchemaCompatibility(pool, QUEUE_SCHEMA);
    },
    close: () => pool.end(),
  });
}

function redisBackend(redisUrl: string): QueueBackend {
  return bullmqBackend(
    "redis",
    withBackend(createRedisBackend),
    { url: redisUrl },
    {
      async ping() {
        // A fresh connection that gives up at once: the shared ones retry forever, which a health check must not.
        const client = new Redis(redisUrl, { lazyConnect: true, connectTimeout: HEALTH_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
        // The same failure rejects connect() or ping() below, which is what we report; without a listener
        // ioredis would also print it as an unhandled error event.
        client.on("error", () => {});
        try {
          await client.connect();
          await client.ping();
        } finally {
          client.disconnect();
        }
      },
      close: async () => {},
    },
  );
}

type Closable = { close(): Promise<void>; on(event: "error", listener: (error: Error) => void): unknown };

function bullmqBackend<B extends IQueueBackend, C>(
  kind: QueueBackendKind,
  classes: BackendClasses<B, C>,
  connection: C,
  own: { ping(): Promise<void>; close(): Promise<void> },
): QueueBackend {
  const open = new Set<Closable>();
  function track<T extends Closable>(name: string, made: T): T {
    open.add(made);
    // BullMQ reports lost connections as 'error' events and reconnects; unheard, an 'error' event would throw.
    made.on("error", (error) => console.error(`[queue] ${kind} ${name}: ${error.message}`));
    return made;
  }
  // The casts erase the concrete backend type parameter, which BullMQ's classes use invariantly.
  return {
    kind,
    createQueue: (name) => track(name, new classes.Queue(name, { connection, defaultJobOptions: DEFAULT_JOB_OPTIONS })) as unknown as JobQueue,
    createWorker: (name, processor, settings) => track(name, new classes.Worker(name, processor, { ...settings, connection })) as unknown as JobWorker,
    createQueueEvents: (name) => track(name, new classes.QueueEvents(name, { connection })) as unknown as JobQueueEvents,
    health: async () => {
      const outcome = await withinTime(own.ping(), HEALTH_TIMEOUT_MS);
      if (outcome === "ok") return "ok";
      console.error(`[queue] ${kind} health check failed: ${outcome.detail}`);
      return outcome.reason(kind);
    },
    close: async () => {
      await Promise.all([...open].map((made) => made.close()));
      open.clear();
      await own.close();
    },
  };
}

type Failure = { detail: string; reason(kind: QueueBackendKind): string };

async function withinTime(work: Promise<void>, ms: number): Promise<"ok" | Failure> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Failure>((resolve) => {
    timer = setTimeout(() => resolve({ detail: `no answer within ${ms} ms`, reason: (kind) => `${kind} queue: no answer within ${ms} ms` }), ms);
  });
  const answered = work.then(
    (): "ok" => "ok",
    (error: Error): Failure => ({
      detail: error.message,
      reason: (kind) => (error.name === "SchemaMigrationRequiredError" ? `${kind} queue: schema not migrated` : `${kind} queue: unreachable`),
    }),
  );
  try {
    return await Promise.race([answered, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
