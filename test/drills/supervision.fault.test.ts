// Drill: `npm start` itself (scripts/start.ts, its supervision) on a data dir of its own. 100 ticks are
// acknowledged; then the worker and the web process are killed (-9) and must come back; then the embedded
// postmaster is killed (-9): health says `degraded` (database unavailable) while it is down, npm start starts it
// again (crash recovery replays the WAL), web and worker reconnect without being restarted, all 100 ticks are
// there, a run started afterwards runs to the end, and Ctrl-C still stops everything cleanly. Then the same npm
// start with the queue on an external Redis that is killed and started again: health names the queue meanwhile,
// nothing is restarted, and a run started afterwards runs to the end.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, onTestFailed } from "vitest";
import { resetEmbeddedPostgres, freePort } from "@/scripts/services/embedded-postgres";
import { REPO_ROOT } from "@/scripts/services/database";
import { RUNTIME_ROLE, urlAs } from "@/scripts/db/runtime-role";
import { orNotYet, waitFor } from "@/test/wait-for";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "countdown-supervision-"));
fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user when we are root
const logFile = path.join(dataDir, "start.log");
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
let redis: ChildProcess | null = null;

let start: ChildProcess | null = null;
let output = "";
const startExit = () =>
  new Promise<number | null>((resolve) => (start!.exitCode !== null ? resolve(start!.exitCode) : start!.once("exit", (code) => resolve(code))));

async function launchStart(extraEnv: Record<string, string> = {}): Promise<void> {
  // What a person's shell gives `npm start`: none of the drills' own database or queue settings.
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: process.env.LANG };
  Object.assign(
    env,
    {
      COUNTDOWN_DATA_DIR: dataDir,
      PORT: String(port),
      COUNTDOWN_DEMO: "0",
      COUNTDOWN_JOB_LOCK_MS: "5000",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    extraEnv,
  );
  output = "";
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
    cwd: REPO_ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  start = child;
  const out = fs.openSync(logFile, "a");
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      output += chunk;
      fs.writeSync(out, chunk);
    });
  }
  child.once("exit", () => fs.closeSync(out));
  await waitFor(
    "npm start to be up",
    orNotYet(async () => output.includes("Countdown is running at") || child.exitCode !== null),
    150_000,
    250,
  );
  expect(child.exitCode, "npm start is running").toBeNull();
}

/** Ctrl-C, as a person stops it; SIGKILL if that takes more than 15 s. */
async function stopStart(): Promise<number | null> {
  if (!start || start.exitCode !== null) return start?.exitCode ?? null;
  start.kill("SIGINT");
  const code = await Promise.race([startExit(), new Promise<"late">((r) => setTimeout(() => r("late"), 15_000))]);
  if (code !== "late") return code;
  start.kill("SIGKILL");
  return null;
}

const lines = (re: RegExp) => output.split("\n").filter((l) => re.test(l));
const workerPids = () => lines(/^worker\| \[worker\] pid \d+/).map((l) => Number(/pid (\d+)/.exec(l)![1]));
/** npm start's children now: web (scripts/web.ts), worker, and nothing else (pg_ctl detaches the database). */
function childrenOfStart(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((pid) => {
      try {
        return Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]) === start!.pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

afterAll(async () => {
  await stopStart();
  redis?.kill("SIGKILL");
  for (const pid of workerPids()) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone, as it should be
    }
  }
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb().catch(() => {});
  resetEmbeddedPostgres(dataDir);
});

function isListening(p: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port: p }, () => {
      socket.end();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function health(): Promise<{ status: string; database: string } | null> {
  return fetch(`${url}/api/health`).then(
    (r) => r.json() as Promise<{ status: string; database: string }>,
    () => null,
  );
}

async function call(method: string, pathname: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${url}${pathname}`, {
    method,
    headers: { ...headers, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}

describe("npm start under kill -9", () => {
  it("restarts the worker, the web process and the embedded PostgreSQL; acknowledged ticks survive; a later run runs to the end; Ctrl-C stops cleanly", async () => {
    onTestFailed(() => console.log(`[supervision] npm start's output (${logFile}):\n${output.split("\n").slice(-60).join("\n")}`));
    await launchStart();

    // This file's database is npm start's (vitest runs each drill file in a process of its own).
    const settings = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { port: number; password: string; appPassword: string };
    process.env.DATABASE_URL = urlAs(`postgresql://postgres:x@127.0.0.1:${settings.port}/countdown`, RUNTIME_ROLE, settings.appPassword);
    (await import("@/lib/config")).reloadConfig();
    const { db } = await import("@/lib/db");
    const { actor, bigPlan, releaseOf } = await import("@/bench/lib/seed");

    const manager = await actor("manager");
    const command = "for i in $(seq 1 20); do echo line $i; sleep 0.05; done";
    const release = await releaseOf(manager, {
      phases: bigPlan(1, 100),
      procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "count", command }] }],
    });
    const items = release.phases[0].items;
    const ticks: number[] = [];
    for (let i = 0; i < items.length; i += 10) {
      const batch = items
        .slice(i, i + 10)
        .map((item) => call("PATCH", `/api/releases/${release.id}/items/${item.id}`, manager.headers, { checked: true, version: item.version }));
      ticks.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(
      ticks.filter((s) => s === 200),
      "100 acknowledged ticks",
    ).toHaveLength(100);

    // The worker: killed, restarted by npm start with a line saying so.
    const [firstWorker] = workerPids();
    process.kill(firstWorker, "SIGKILL");
    await waitFor(
      "the worker to be restarted",
      orNotYet(async () => workerPids().length >= 2 && output.split(/worker exited with code/)[1]?.includes("worker ready")),
      60_000,
      250,
    );
    expect(lines(/^start \| worker exited with code \d+ after .* restarting it in \d+ s \(restart 1\)/)).toHaveLength(1);

    // The web process: killed, restarted on the same port.
    // Named by its command line: npm start may have other short-lived children at this moment (a database check).
    const web = childrenOfStart().filter((pid) => !workerPids().includes(pid) && commandLine(pid).includes("scripts/web.ts"));
    expect(web, "one web process").toHaveLength(1);
    process.kill(web[0], "SIGKILL");
    await waitFor(
      "the web process to be restarted",
      orNotYet(
        async () => lines(/^start \| web exited with code \d+ after .* restarting it in \d+ s \(restart 1\)/).length === 1 && (await health())?.status === "ok",
      ),
      60_000,
      250,
    );

    // The postmaster: killed; health is degraded naming the database until npm start has it back. (Our own pool
    // is closed first, so that its dying connections do not talk.)
    await (await import("@/lib/db")).disconnectDb();
    const postmaster = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(postmaster, "SIGKILL");
    const seen: string[] = [];
    await waitFor(
      "health to be ok again after the database restart",
      orNotYet(async () => {
        const h = await health();
        seen.push(h ? `${h.status}/${h.database}` : "no answer");
        return output.includes("the embedded PostgreSQL is back") && h?.status === "ok";
      }),
      60_000,
      100,
    );
    expect(seen, "health while the database was down").toContain("degraded/unavailable");
    expect(lines(/^start \| the embedded PostgreSQL is not running/)).toHaveLength(1);

    // Every acknowledged tick is there (WAL replay); the app was not restarted for it.
    const checked = await waitFor(
      "the database from the test",
      orNotYet(() => db().releaseItem.count({ where: { releaseId: release.id, checked: true } })),
      10_000,
    );
    expect(checked).toBe(100);
    expect(await db().event.count({ where: { releaseId: release.id, type: "item.checked" } })).toBe(100);
    expect(lines(/^start \| (web|worker) exited/), "web and worker were not restarted for the database").toHaveLength(2);

    // A run started afterwards runs to the end on the reconnected worker.
    const started = await call("POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "verify" });
    expect(started.status).toBe(202);
    const runId = started.json!.runId as string;
    const run = await waitFor(
      "the run to finish",
      orNotYet(async () => {
        const r = await db().run.findUniqueOrThrow({ where: { id: runId } });
        return ["queued", "running"].includes(r.status) ? null : r;
      }),
      60_000,
      250,
    );
    expect(run?.status).toBe("succeeded");
    expect(await db().outputLine.count({ where: { runId } })).toBe(20);

    // Ctrl-C: web and worker, then the database; exit 0.
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    expect(await stopStart()).toBe(0);
    expect(output).toContain("stopped cleanly");
    expect(fs.existsSync(path.join(dataDir, "postgres", "postmaster.pid")), "the database is stopped").toBe(false);
  });

  it("waits for an external Redis that went away: health names the queue, nothing restarts, runs go on once it is back", async () => {
    onTestFailed(() => console.log(`[supervision] npm start's output (${logFile}):\n${output.split("\n").slice(-60).join("\n")}`));
    const redisPort = await freePort();
    const startRedis = async () => {
      redis = spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      await waitFor(
        "redis-server to listen",
        orNotYet(() => isListening(redisPort)),
        10_000,
        100,
      );
    };
    await startRedis();
    await stopStart(); // the first test's, if it failed before its own Ctrl-C
    await launchStart({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
    const { db } = await import("@/lib/db");
    const { actor, releaseOf, SMALL_PLAN } = await import("@/bench/lib/seed");
    const manager = await actor("manager");
    const release = await releaseOf(manager, {
      phases: SMALL_PLAN,
      procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "hi", command: "echo hi" }] }],
    });

    redis!.kill("SIGKILL");
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const h = (await fetch(`${url}/api/health`).then(
        (r) => r.json(),
        () => null,
      )) as { status: string; queue: string } | null;
      seen.push(h ? `${h.status}/${h.queue}` : "no answer");
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(seen, "health while Redis is away").toContain("degraded/redis queue: unreachable");
    await startRedis();
    await waitFor(
      "health to be ok once Redis is back",
      orNotYet(async () => (await health())?.status === "ok"),
      30_000,
      250,
    );

    const started = await call("POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "verify" });
    expect(started.status).toBe(202);
    const run = await waitFor(
      "the run to finish",
      orNotYet(async () => {
        const r = await db().run.findUniqueOrThrow({ where: { id: started.json!.runId as string } });
        return ["queued", "running"].includes(r.status) ? null : r;
      }),
      60_000,
      250,
    );
    expect(run?.status).toBe("succeeded");
    expect(lines(/^start \| .* exited/), "nothing was restarted").toEqual([]);
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
    expect(await stopStart()).toBe(0);
  });
});
