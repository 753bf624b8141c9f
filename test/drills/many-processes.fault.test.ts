// Drill: the scale-out topology of docs/scaling.md on one machine. Two web processes (scripts/web.ts) and two
// workers share the drills' PostgreSQL, with the queue on Redis (redis-server as the tests start it). A run
// streams to viewers of the other web process complete, in order, once each (also across a reconnect with
// Last-Event-ID to the other web process); 50 deploys spread over both webs start one run; a worker killed
// mid-command leaves the other to park the run, and jobs keep flowing, also to a worker started afterwards;
// a PostgreSQL crash and restart in the middle of a stream leaves no gap on either web process (so this drill runs
// late, before db-restart: vitest.drills.config.ts).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from "vitest";
import { spawnLogged, stopProc, WORKER_ARGS, type Proc } from "@/bench/lib/app";
import { openSse, type SseClient } from "@/bench/lib/sse-client";
import { actor, releaseOf, SMALL_PLAN, uid } from "@/bench/lib/seed";
import { db, disconnectDb } from "@/lib/db";
import { freePort, startEmbeddedPostgres } from "@/scripts/services/embedded-postgres";
import { webArgs } from "@/scripts/lib/processes";
import { startRedisServer, type RedisServer } from "@/scripts/services/redis-server";
import { expectErrorShape } from "./drill-helpers";
import { orNotYet, waitFor } from "@/test/wait-for";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "countdown-many-"));
const procs: Proc[] = [];
const clients: SseClient[] = [];
let redis: RedisServer;
let env: NodeJS.ProcessEnv;
const webs: string[] = [];
const workers: Proc[] = [];

async function startWorker(name: string): Promise<Proc> {
  const logFile = path.join(dir, `${name}.log`);
  const proc = spawnLogged(name, process.execPath, WORKER_ARGS, env, logFile);
  procs.push(proc);
  await waitFor(
    `${name} to be ready`,
    orNotYet(async () => fs.readFileSync(logFile, "utf8").includes("worker ready") || proc.child.exitCode !== null),
    60_000,
  );
  if (proc.child.exitCode !== null) throw new Error(`${name} exited (see ${logFile})`);
  return proc;
}

async function startWeb(name: string): Promise<string> {
  const port = await freePort();
  procs.push(spawnLogged(name, process.execPath, webArgs(port, { hostname: "127.0.0.1" }), { ...env, PORT: String(port) }, path.join(dir, `${name}.log`)));
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    `${name} to answer /api/health`,
    orNotYet(async () => (await fetch(`${url}/api/health`)).ok),
    120_000,
  );
  return url;
}

beforeAll(async () => {
  redis = await startRedisServer(dir);
  env = {
    ...process.env,
    REDIS_URL: redis.url,
    COUNTDOWN_QUEUE: `many-${crypto.randomBytes(4).toString("hex")}`,
    COUNTDOWN_JOB_LOCK_MS: "5000",
    COUNTDOWN_MAX_STREAMS: "1000",
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const started = await Promise.all([startWeb("web-a"), startWeb("web-b"), startWorker("worker-a"), startWorker("worker-b")]);
  webs.push(started[0] as string, started[1] as string);
  workers.push(started[2] as Proc, started[3] as Proc);
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await Promise.all(procs.map((p) => stopProc(p)));
  await redis?.stop();
  if (process.env.DRILL_KEEP) console.log(`[many] kept ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
});

function showLogsOnFailure() {
  onTestFailed(() => {
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".log"))) {
      console.log(`[many] ${file}:\n${fs.readFileSync(path.join(dir, file), "utf8").split("\n").slice(-30).join("\n")}`);
    }
  });
}

async function call(base: string, method: string, pathname: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${base}${pathname}`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as { runId?: string; error?: { code: string } } | null };
}

/** Every message of the release after `after`, from the database (the truth). */
async function storedSeqs(releaseId: string, after: number): Promise<number[]> {
  const [events, lines] = await Promise.all([
    db().event.findMany({ where: { releaseId, seq: { gt: after } }, select: { seq: true } }),
    db().outputLine.findMany({ where: { releaseId, seq: { gt: after } }, select: { seq: true } }),
  ]);
  return [...events, ...lines].map((r) => r.seq).sort((a, b) => a - b);
}

const settled = (runId: string, timeoutMs: number) =>
  waitFor(
    `run ${runId} to settle`,
    orNotYet(async () => {
      const run = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
      return ["queued", "running"].includes(run.status) ? null : run;
    }),
    timeoutMs,
    250,
  ).then((run) => run!);

/** The worker whose process tree runs the command carrying `marker` (walks up from the command's shell). */
function workerRunning(marker: string): Proc | undefined {
  const parent = (pid: number) => Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
  for (const entry of fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e))) {
    try {
      if (!fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(marker)) continue;
      for (let pid = Number(entry); pid > 1; pid = parent(pid)) {
        const owner = workers.find((w) => w.child.pid === pid);
        if (owner) return owner;
      }
    } catch {
      // exited while we looked
    }
  }
  return undefined;
}

describe("two web processes and two workers on one PostgreSQL, the queue on Redis", () => {
  it("streams a run to viewers of the other web process, complete, in order, once, across a Last-Event-ID reconnect", async () => {
    showLogsOnFailure();
    const manager = await actor("manager");
    const command = "for i in $(seq 1 60); do echo line $i; sleep 0.05; done";
    const release = await releaseOf(manager, {
      phases: SMALL_PLAN,
      procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "count", command }] }],
    });
    const after = release.lastSeq;
    const stream = (base: string) => `${base}/api/releases/${release.id}/stream?after=${after}`;
    const [webA, webB] = webs;
    const stay = openSse(stream(webA), manager.headers);
    const first = openSse(stream(webA), manager.headers);
    clients.push(stay, first);
    await Promise.all([stay.connected, first.connected]);

    const started = await call(webB, "POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "verify" });
    expect(started.status).toBe(202);
    // Half-way through, the second viewer moves to the other web process, as a browser does behind a balancer.
    await waitFor(
      "20 lines on web A",
      orNotYet(async () => first.messages.filter((m) => m.event === "output").length >= 20),
      30_000,
    );
    first.close();
    const seen = [...first.messages];
    const second = openSse(`${webB}/api/releases/${release.id}/stream`, { ...manager.headers, "Last-Event-ID": String(seen.at(-1)!.id) });
    clients.push(second);

    const run = await settled(started.json!.runId!, 60_000);
    expect(run.status).toBe("succeeded");
    const truth = await storedSeqs(release.id, after);
    expect(truth.length).toBeGreaterThan(60);
    await waitFor(
      "both viewers to catch up",
      orNotYet(async () => stay.messages.length >= truth.length && seen.length + second.messages.length >= truth.length),
      10_000,
      100,
    ).catch(() => {});
    expect(
      stay.messages.map((m) => m.id),
      "viewer on web A all along",
    ).toEqual(truth);
    expect(
      [...seen, ...second.messages].map((m) => m.id),
      "viewer moved from web A to web B with Last-Event-ID",
    ).toEqual(truth);
  });

  it("50 parallel deploys spread over both web processes start exactly one run", async () => {
    showLogsOnFailure();
    const manager = await actor("manager");
    const release = await releaseOf(manager, {
      phases: SMALL_PLAN,
      procedures: [{ name: "Deploy", kind: "deploy", steps: [{ kind: "command", text: "deploy", command: "sleep 2" }] }],
    });
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(webs[i % 2], "POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "deploy" })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    for (const a of answers.filter((x) => x.status === 409)) expectErrorShape(a.json, "409");
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(1);
    const run = await settled(answers.find((a) => a.status === 202)!.json!.runId!, 30_000);
    expect(run.status).toBe("succeeded");
  });

  it("a worker killed mid-command: the other parks the run within 60 s, jobs keep flowing, a new worker takes jobs", async () => {
    showLogsOnFailure();
    const manager = await actor("manager");
    const marker = `drill-marker-${uid()}`;
    const command = `for i in $(seq 1 600); do echo line $i; sleep 0.05; done # ${marker}`;
    const release = await releaseOf(manager, {
      phases: SMALL_PLAN,
      procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "slow count", command }] }],
    });
    const started = await call(webs[0], "POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "verify" });
    expect(started.status).toBe(202);
    const runId = started.json!.runId!;
    await waitFor(
      "20 stored lines",
      orNotYet(async () => (await db().outputLine.count({ where: { runId } })) >= 20),
      30_000,
      50,
    );
    const victim = workerRunning(marker);
    expect(victim, "one of the two workers runs the command").toBeDefined();
    const survivor = workers.find((w) => w !== victim)!;
    process.kill(-victim!.child.pid!, "SIGKILL");
    const killedAt = Date.now();

    const run = await settled(runId, 60_000);
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(run.status).toBe("needs_attention");
    expect(run.steps[0].status).toBe("interrupted");

    // Later jobs keep flowing on the survivor.
    const quick = async () => {
      const r = await releaseOf(manager, {
        phases: SMALL_PLAN,
        procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "hi", command: "echo hi" }] }],
      });
      const res = await call(webs[1], "POST", `/api/releases/${r.id}/runs`, manager.headers, { procedure: "verify" });
      expect(res.status).toBe(202);
      return (await settled(res.json!.runId!, 30_000)).status;
    };
    expect(await quick()).toBe("succeeded");

    // A worker started now takes the jobs once it is the only one.
    workers.push(await startWorker("worker-c"));
    await stopProc(survivor);
    expect(await quick()).toBe("succeeded");
  });

  it("a PostgreSQL crash (kill -9) and restart in the middle of a stream: no gap and no duplicate on either web process", async () => {
    showLogsOnFailure();
    const manager = await actor("manager");
    const command = "for i in $(seq 1 200); do echo line $i; sleep 0.05; done";
    const release = await releaseOf(manager, {
      phases: SMALL_PLAN,
      procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "count", command }] }],
    });
    const after = release.lastSeq;
    const viewers = webs.map((base) => openSse(`${base}/api/releases/${release.id}/stream?after=${after}`, manager.headers));
    clients.push(...viewers);
    await Promise.all(viewers.map((v) => v.connected));
    const started = await call(webs[0], "POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "verify" });
    expect(started.status).toBe(202);
    await waitFor(
      "20 lines on both web processes",
      orNotYet(async () => viewers.every((v) => v.messages.filter((m) => m.event === "output").length >= 20)),
      30_000,
    );

    const dataDir = process.env.DRILL_DATA_DIR!;
    await disconnectDb(); // our own pool, so that its dying connections do not talk
    process.kill(Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]), "SIGKILL");
    await new Promise((r) => setTimeout(r, 1_000));
    // As npm start does: start it again (its orphaned backends may hold the shared memory a moment longer).
    await waitFor(
      "PostgreSQL to start again after the crash",
      orNotYet(() => startEmbeddedPostgres(dataDir).then(() => true)),
      30_000,
      500,
    );

    // The run goes on or is parked (output could not be stored while the database was away); once it settles,
    // both viewers hold exactly what the database holds.
    await settled(started.json!.runId!, 60_000);
    const truth = await storedSeqs(release.id, after);
    await waitFor(
      "both viewers to catch up",
      orNotYet(async () => viewers.every((v) => v.messages.length >= truth.length)),
      15_000,
      100,
    ).catch(() => {});
    for (const [i, v] of viewers.entries())
      expect(
        v.messages.map((m) => m.id),
        `viewer of web ${"AB"[i]}`,
      ).toEqual(truth);
  });
});
