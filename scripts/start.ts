// npm start: embedded PostgreSQL (unless DATABASE_URL), migrations, demo data, a production build when the
// sources changed, then the web server and one worker, restarted when they die (and the embedded database too).
// Ctrl-C / SIGTERM stops them in order within 10 s.
// npm run dev: the same with `next dev` (hot reload) instead of the production build.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DEMO_USERS } from "../prisma/seed/seed-demo";
import { buildIsCurrent, markBuilt, sourceStamp } from "./lib/build-stamp";
import { prepare } from "./lib/prepare";
import { watchEmbeddedDatabase } from "./lib/database-watch";
import { startService, supervise, webArgs, type Supervised } from "./lib/processes";
import { dataDir, REPO_ROOT } from "./services/database";

import { loadConfig } from "@/lib/config";

// A bad setting stops here, naming the variable and what it expects, before anything starts.
try {
  loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const log = (line: string) => console.log(`start | ${line}`);
const bin = (name: string) => path.join(REPO_ROOT, "node_modules", ".bin", name);

const prepared = await prepare(dataDir(), port, log);
const { env } = prepared;

if (!dev) {
  const distDir = path.join(REPO_ROOT, env.COUNTDOWN_DIST_DIR ?? ".next");
  const stamp = sourceStamp(REPO_ROOT);
  if (buildIsCurrent(distDir, stamp)) log("production build is up to date");
  else {
    log("building the web app (first start or sources changed; takes a minute or two)…");
    const build = spawnSync(bin("next"), ["build"], { cwd: REPO_ROOT, env, stdio: "inherit" });
    if (build.status !== 0) {
      await prepared.database.stop();
      throw new Error("next build failed (see above)");
    }
    markBuilt(distDir, stamp);
  }
}

// Web and worker are supervised: one that dies is started again with backoff (a log line each time); after
// many quick failures in a row npm start gives up and stops everything, saying which one and why.
const giveUp = (reason: string) => void shutdown(reason, 1);
const supervised = (name: string, command: string, args: string[], childEnv: Record<string, string | undefined>) =>
  supervise(name, () => startService(name, command, args, childEnv, REPO_ROOT), log, giveUp);
const services: Supervised[] = [
  supervised("web", process.execPath, webArgs(port, { dev }), webEnv(env)),
  supervised("worker", process.execPath, ["--conditions=react-server", "--import", "tsx", "workers/index.ts"], env),
];
const demo = prepared.demo?.service;
if (demo) {
  const demoEnv = { PATH: env.PATH, DEMO_PORT: String(demo.port), DEMO_DEPLOY_TOKEN: demo.token, DEMO_STATE_DIR: demo.stateDir };
  services.push(supervised("demo", process.execPath, ["--import", "tsx", "scripts/demo/demo-service.ts"], demoEnv));
}
// The embedded PostgreSQL is not our child (pg_ctl starts it in a session of its own): watched through its lock file.
const databaseWatch = watchEmbeddedDatabase(prepared.database, log, giveUp);

/** The web process stamps each request with its socket's address (lib/auth/client-address.ts). */
function webEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const hook = `--import=${pathToFileURL(path.join(REPO_ROOT, "scripts/lib/peer-address-hook.mjs")).href}`;
  return { ...base, NODE_OPTIONS: [base.NODE_OPTIONS, hook].filter(Boolean).join(" ") };
}

let stopping = false;
async function shutdown(reason: string, code: number) {
  if (stopping) return;
  stopping = true;
  log(`${reason}: stopping web and worker…`);
  const force = setTimeout(() => {
    log("shutdown took longer than 10 s; forcing exit");
    process.exit(1);
  }, 10_000);
  databaseWatch.stop();
  await Promise.all(services.map((s) => s.stop(6_000)));
  if (prepared.database.embedded) log("stopping the embedded database…");
  await prepared.database.stop();
  clearTimeout(force);
  log("stopped cleanly");
  process.exit(code);
}

process.on("SIGINT", () => void shutdown("Ctrl-C", 0));
process.on("SIGTERM", () => void shutdown("SIGTERM", 0));
process.on("SIGHUP", () => void shutdown("terminal closed", 0));
// A closed terminal or pipe must not crash us before the database is stopped.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

await waitForHealth(`http://127.0.0.1:${port}/api/health`);
if (stopping) await new Promise(() => {}); // shutdown() ends the process; no banner for an app that is not there
const url = `http://localhost:${port}`;
console.log(`
  Countdown is running at ${url}
  ${
    prepared.demo
      ? `Demo logins (password: ${prepared.demo.password}):
${DEMO_USERS.map((u) => `    ${u.email.padEnd(28)} ${u.role}`).join("\n")}`
      : "Demo data is off (COUNTDOWN_DEMO=0)."
  }
  ${demo ? `Demo service (the demo release deploys to it): ${demo.url}\n  ` : ""}API tokens: npm run token -- --email <email>
  Press Ctrl-C to stop.
`);

async function waitForHealth(healthUrl: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && !stopping) {
    const ok = await fetch(healthUrl).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!stopping) log(`warning: ${healthUrl} is not healthy yet`);
}
