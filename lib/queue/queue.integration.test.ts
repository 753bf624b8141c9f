// The job queue against the real datastores (the global setup provides PostgreSQL and a redis-server): the
// same suite runs on both backends, so the app can switch between them without changing behaviour.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import net from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { processJob } from "@/workers/process-job";
import { closeQueues, createQueueBackend, getQueue, migrateQueue, queueHealth, type JobQueue, type QueueBackend, type QueueBackendKind } from "./backend";
import { enqueue } from "./producer";
import type { JobResult } from "@/workers/registry";
import { waitFor } from "@/test/wait-for";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const databaseUrl = () => process.env.DATABASE_URL!;
const redisUrl = () => process.env.COUNTDOWN_TEST_REDIS_URL!;

async function stateOf(queue: JobQueue, id: string): Promise<string> {
  const job = await queue.getJob(id);
  return job ? await job.getState() : "missing";
}

const uniqueQueueName = (label: string) => `test-${label}-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  // Running BullMQ's migrations again (as the owner role, as npm start does) shows they are idempotent.
  const ownerUrl = process.env.COUNTDOWN_TEST_OWNER_URL ?? databaseUrl();
  const version = await migrateQueue(ownerUrl);
  expect(version).toBeGreaterThan(0);
  expect(await migrateQueue(ownerUrl)).toBe(version);
});

describe.each<QueueBackendKind>(["postgres", "redis"])("job queue on %s", (kind) => {
  let backend: QueueBackend;

  beforeAll(() => {
    backend = createQueueBackend(kind === "redis" ? { redisUrl: redisUrl() } : { databaseUrl: databaseUrl() });
    expect(backend.kind).toBe(kind);
  });
  afterAll(async () => {
    await backend.close();
  });

  it("two competing workers complete each of 20 jobs exactly once", async () => {
    const name = uniqueQueueName("probe");
    const queue = backend.createQueue(name);
    // Each job holds its worker briefly so that both workers are certainly busy at the same time.
    const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => enqueue("queue.probe", { probeId: `probe-${i}`, holdMs: 100 }, { queue })));
    expect(new Set(ids).size).toBe(20);

    const completions: { worker: number; jobId: string }[] = [];
    const workers = [0, 1].map((index) => {
      const worker = backend.createWorker(name, processJob, { concurrency: 2 });
      worker.on("completed", (job) => completions.push({ worker: index, jobId: job.id! }));
      return worker;
    });
    await waitFor("20 completions", () => completions.length >= 20);
    // Anything processed twice would show up as an extra completion while the workers keep running.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await Promise.all(workers.map((worker) => worker.close()));

    expect(completions.map((c) => c.jobId).sort()).toEqual([...ids].sort());
    expect(new Set(completions.map((c) => c.worker))).toEqual(new Set([0, 1]));
    for (const [i, id] of ids.entries()) {
      const job = (await queue.getJob(id))!;
      expect(await job.getState()).toBe("completed");
      expect(job.attemptsMade).toBe(1);
      expect(job.returnvalue).toEqual({ probeId: `probe-${i}`, handledBy: process.pid });
    }
    expect(await queue.getJobCounts("waiting", "active", "delayed", "failed", "completed")).toEqual({
      waiting: 0,
      active: 0,
      delayed: 0,
      failed: 0,
      completed: 20,
    });
  });

  it("fails a job of unknown kind once, without retrying it", async () => {
    const name = uniqueQueueName("unknown");
    const queue = backend.createQueue(name);
    const job = await queue.add("no.such.kind", { anything: true });
    expect(job.opts.attempts).toBe(3);
    const worker = backend.createWorker(name, processJob);
    await waitFor("the job to fail", async () => (await stateOf(queue, job.id!)) === "failed");
    await worker.close();

    const failed = (await queue.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toBe('unknown job kind "no.such.kind"');
  });

  it("refuses a bad payload at enqueue, and fails one injected past it without retrying", async () => {
    const name = uniqueQueueName("payload");
    const queue = backend.createQueue(name);
    await expect(enqueue("release.scheduled", { releaseId: "not-a-uuid" }, { queue })).rejects.toBeInstanceOf(ZodError);
    // @ts-expect-error the payload of another job kind does not type-check
    await expect(enqueue("queue.probe", { releaseId: randomUUID() }, { queue })).rejects.toBeInstanceOf(ZodError);
    expect(await queue.count()).toBe(0);

    const job = await queue.add("queue.probe", { probeId: 42 });
    const worker = backend.createWorker(name, processJob);
    await waitFor("the job to fail", async () => (await stateOf(queue, job.id!)) === "failed");
    await worker.close();

    const failed = (await queue.getJob(job.id!))!;
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/^invalid payload for queue\.probe:.*probeId/s);
  });

  it("reports itself healthy", async () => {
    expect(await backend.health()).toBe("ok");
  });

  it("runs a worker process that finishes the job in hand on SIGTERM and exits 0", async () => {
    const name = uniqueQueueName("process");
    const queue = backend.createQueue(name);
    const env: NodeJS.ProcessEnv = { ...process.env, COUNTDOWN_QUEUE: name, DATABASE_URL: databaseUrl(), REDIS_URL: kind === "redis" ? redisUrl() : "" };
    // The one stated way to run a worker (docs/queue.md).
    const child = spawn("npm", ["run", "-s", "worker"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let workerPid = 0;
    try {
      await waitFor("the worker to be ready", () => output.includes(`worker ready (backend: ${kind})`) || child.exitCode !== null, 30_000);
      expect(output).toContain(`worker ready (backend: ${kind})`);
      workerPid = Number(/\[worker\] pid (\d+)/.exec(output)![1]);
      const id = await enqueue("queue.probe", { probeId: "in-hand", holdMs: 1_500 }, { queue });
      await waitFor("the worker to take the job", async () => (await stateOf(queue, id)) === "active");

      // npm runs the worker through `sh -c`, which may swallow a SIGTERM sent to npm, so signal the worker
      // itself, as a supervisor would; its exit code travels back up through npm.
      const signalledAt = Date.now();
      process.kill(workerPid, "SIGTERM");
      const code = await exit;
      expect(code, output).toBe(0);
      expect(Date.now() - signalledAt).toBeLessThan(10_000);
      expect(output).toContain("[worker] stopped");

      const job = (await queue.getJob(id))!;
      expect(await job.getState()).toBe("completed");
      const result = job.returnvalue as JobResult<"queue.probe">;
      expect(result.probeId).toBe("in-hand");
      expect(result.handledBy).toBe(workerPid);
    } finally {
      if (child.exitCode === null) {
        if (workerPid) process.kill(workerPid, "SIGKILL");
        child.kill("SIGKILL");
      }
    }
  });
});

describe("queue health when the datastore does not answer", () => {
  async function silentServer(): Promise<{ url: (scheme: string) => string; close(): Promise<void> }> {
    // Accepts connections and never replies: the case a plain connection error would not cover.
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    return {
      url: (scheme) => `${scheme}://u:p@127.0.0.1:${port}/db`,
      close: async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it.each<QueueBackendKind>(["postgres", "redis"])("%s: answers with a reason within about 2 s", async (kind) => {
    const silent = await silentServer();
    const backend = createQueueBackend(kind === "redis" ? { redisUrl: silent.url("redis").replace("/db", "") } : { databaseUrl: silent.url("postgresql") });
    const started = Date.now();
    const answer = await backend.health();
    const elapsed = Date.now() - started;
    await silent.close();
    await backend.close();

    expect(answer).toMatch(new RegExp(`^${kind} queue: `));
    expect(elapsed).toBeLessThan(3_000);
  });
});

describe("the process's default queue (from DATABASE_URL / REDIS_URL)", () => {
  afterAll(async () => {
    await closeQueues();
  });

  it("is one cached Queue per name, and healthy", async () => {
    expect(getQueue()).toBe(getQueue());
    expect(await queueHealth()).toBe("ok");
  });
});
