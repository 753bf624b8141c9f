// The real app for benchmarks and fault drills: embedded PostgreSQL in its own data dir, migrations (through
// scripts/lib/prepare.ts, as `npm start`), the production build (reused while the sources are unchanged, the
// same build stamp as `npm start`), then the web process (scripts/web.ts) and workers spawned as scripts/start.ts does.
// Child output goes to log files in the data dir so stdout stays free for the figures.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIsCurrent, markBuilt, sourceStamp } from "@/scripts/lib/build-stamp";
import { prepare } from "@/scripts/lib/prepare";
import { webArgs } from "@/scripts/lib/processes";
import { freePort, startEmbeddedPostgres } from "@/scripts/services/embedded-postgres";
import { REPO_ROOT } from "@/scripts/services/database";

export type Proc = { name: string; child: ChildProcess; exited: Promise<number | null> };

export type App = {
  url: string;
  port: number;
  databaseUrl: string;
  dataDir: string;
  /** The environment web and worker run with (DATABASE_URL, NEXTAUTH_SECRET, REDIS_URL...). */
  env: NodeJS.ProcessEnv;
  web: Proc;
  workers: Proc[];
  startWorker(name: string, extraEnv?: Record<string, string>): Promise<Proc>;
  /** Stops the embedded PostgreSQL, waits `downMs`, starts it again on the same port and data. */
  restartDatabase(downMs: number, whileDown?: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
};

export type LaunchOptions = {
  dataDir: string;
  port?: number;
  redisUrl?: string;
  /** Extra environment for web and workers (COUNTDOWN_QUEUE, COUNTDOWN_JOB_LOCK_MS, ...). */
  env?: Record<string, string>;
  workers?: number;
  log: (line: string) => void;
};

const bin = (name: string) => path.join(REPO_ROOT, "node_modules", ".bin", name);
export const WORKER_ARGS = ["--conditions=react-server", "--import", "tsx", "workers/index.ts"];

export function spawnLogged(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, logFile: string): Proc {
  const out = fs.openSync(logFile, "a");
  // detached: a process group of its own, so stop() reaches everything the process forks.
  const child = spawn(command, args, { cwd: REPO_ROOT, env, detached: true, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  return { name, child, exited };
}

export async function stopProc(proc: Proc, signal: NodeJS.Signals = "SIGTERM", graceMs = 8_000): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const send = (sig: NodeJS.Signals) => {
    try {
      process.kill(-proc.child.pid!, sig);
    } catch {
      // already gone
    }
  };
  send(signal);
  const timer = setTimeout(() => send("SIGKILL"), graceMs);
  await proc.exited;
  clearTimeout(timer);
}

/** Builds the production app once; later launches reuse it while the sources are unchanged. */
export function ensureBuild(env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  const distDir = path.join(REPO_ROOT, env.COUNTDOWN_DIST_DIR ?? ".next");
  const stamp = sourceStamp(REPO_ROOT);
  if (buildIsCurrent(distDir, stamp)) return;
  log("building the web app (sources changed since the last build; a minute or two)…");
  for (let attempt = 0; ; attempt++) {
    const build = spawnSync(bin("next"), ["build"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    if (build.status === 0) break;
    // Someone else (npm start, e2e) is building the same sources: wait for theirs and use it.
    if (!`${build.stdout}${build.stderr}`.includes("Another next build process is already running") || attempt >= 20) {
      throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
    }
    log("another build is running; waiting for it");
    spawnSync("sleep", ["15"]);
    if (buildIsCurrent(distDir, sourceStamp(REPO_ROOT))) return;
  }
  markBuilt(distDir, stamp);
}

export async function waitFor<T>(fn: () => Promise<T>, timeoutMs: number, what: string, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function launchApp(opts: LaunchOptions): Promise<App> {
  const { dataDir, log } = opts;
  fs.mkdirSync(dataDir, { recursive: true });
  // prepare() reads these: our own embedded database in our own data dir, no demo data.
  process.env.COUNTDOWN_DATA_DIR = dataDir;
  process.env.COUNTDOWN_DEMO = "0";
  delete process.env.DATABASE_URL;
  if (opts.redisUrl) process.env.REDIS_URL = opts.redisUrl;
  else delete process.env.REDIS_URL;
  for (const [k, v] of Object.entries(opts.env ?? {})) process.env[k] = v;
  const port = await freePort(opts.port ?? 0);
  const prepared = await prepare(dataDir, port, log);
  // The stream scenario's 5,000 viewers (and the restart drill's twenty) are one manager's token: lift the
  // per-user cap of 10 streams.
  const env: NodeJS.ProcessEnv = { COUNTDOWN_MAX_STREAMS: "100000", ...prepared.env, NODE_ENV: "production" };
  process.env.DATABASE_URL = prepared.database.url;
  process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET;
  ensureBuild(env, log);

  const url = `http://127.0.0.1:${port}`;
  // COUNTDOWN_BENCH_CPU_PROF=<dir>: web and workers write V8 CPU profiles there when they stop (open them in Chrome's
  // DevTools or speedscope). NODE_OPTIONS may not carry --cpu-prof, so node is started with it directly.
  const profDir = process.env.COUNTDOWN_BENCH_CPU_PROF;
  const web = spawnLogged(
    "web",
    process.execPath,
    [...(profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : []), ...webArgs(port, { hostname: "127.0.0.1" })],
    env,
    path.join(dataDir, "web.log"),
  );
  const workers: Proc[] = [];
  const startWorker = async (name: string, extraEnv: Record<string, string> = {}) => {
    const logFile = path.join(dataDir, `${name}.log`);
    const size = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
    const proc = spawnLogged(
      name,
      process.execPath,
      [...(profDir ? ["--cpu-prof", "--cpu-prof-dir", profDir] : []), ...WORKER_ARGS],
      { ...env, ...extraEnv },
      logFile,
    );
    workers.push(proc);
    await waitFor(
      async () => fs.readFileSync(logFile, "utf8").slice(size).includes("worker ready") || proc.child.exitCode !== null,
      60_000,
      `${name} to be ready`,
    );
    if (proc.child.exitCode !== null) throw new Error(`${name} exited (see ${logFile})`);
    return proc;
  };
  for (let i = 0; i < (opts.workers ?? 1); i++) await startWorker(i ? `worker${i + 1}` : "worker");
  await waitFor(async () => (await fetch(`${url}/api/health`)).ok, 120_000, "the web app to answer /api/health");
  log(`app ready at ${url} (data in ${dataDir})`);

  let pgStopped = false;
  return {
    url,
    port,
    databaseUrl: prepared.database.url,
    dataDir,
    env,
    web,
    workers,
    startWorker,
    async restartDatabase(downMs, whileDown) {
      await prepared.database.stop();
      pgStopped = true;
      await Promise.all([new Promise((r) => setTimeout(r, downMs)), whileDown?.()]);
      await startEmbeddedPostgres(dataDir, log);
      pgStopped = false;
    },
    async stop() {
      await Promise.all([web, ...workers].map((p) => stopProc(p)));
      const { disconnectDb } = await import("@/lib/db");
      await disconnectDb().catch(() => {});
      if (!pgStopped) await prepared.database.stop();
    },
  };
}

/** Resident memory of a process group in MB (Next.js may fork; the sum is what the machine pays). */
export function groupRssMb(pgid: number | undefined): number {
  if (!pgid) return 0;
  let kb = 0;
  for (const pid of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const pgrp = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2];
      if (pgrp !== String(pgid)) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) kb += Number(m[1]);
    } catch {
      // exited while we looked
    }
  }
  return Math.round(kb / 1024);
}
