// Everything web and worker need before they start: the database (embedded or DATABASE_URL), Prisma's and
// BullMQ's migrations, the session secret, and the demo data on first start.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { applyMigrations } from "../db/migrations";
import { grantRuntimeRole, roleOf } from "../db/runtime-role";
import { openDatabase, type Database } from "../services/database";
import { resetEmbeddedPostgres, secureDataDir } from "../services/embedded-postgres";
import { isAlive } from "./processes";

export type Prepared = {
  database: Database;
  env: NodeJS.ProcessEnv;
  demo: { seeded: boolean; password: string; service: { url: string; token: string; port: number; stateDir: string } } | null;
};

function authSecret(dataDir: string): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir, "auth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  return fs.readFileSync(file, "utf8").trim();
}

/** Refuses a second `npm start` on the same data directory; a stale pid file (a start that died) is taken over. */
function claimDataDir(dataDir: string): void {
  const pidFile = path.join(dataDir, "start.pid");
  const other = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, "utf8")) : 0;
  if (other && other !== process.pid && isAlive(other)) {
    throw new Error(`Countdown is already running on ${dataDir} (pid ${other}); stop it first or set COUNTDOWN_DATA_DIR`);
  }
  fs.writeFileSync(pidFile, String(process.pid));
  process.on("exit", () => fs.rmSync(pidFile, { force: true }));
}

export async function prepare(dataDir: string, port: number, log: (line: string) => void): Promise<Prepared> {
  // Throwaway data (the end-to-end tests): start from nothing, every time.
  if (process.env.COUNTDOWN_RESET_DATA === "1") {
    log(`COUNTDOWN_RESET_DATA=1: deleting ${dataDir}`);
    resetEmbeddedPostgres(dataDir);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  claimDataDir(dataDir);
  const database = await openDatabase(log, { adopt: true });
  log(database.embedded ? `embedded PostgreSQL ready (data in ${dataDir})` : "using DATABASE_URL");
  if (!database.embedded) secureDataDir(dataDir, {}); // the session secret lives here: 0700
  if (!database.embedded && database.migrateUrl === database.url) {
    log("DATABASE_MIGRATE_URL is not set: the app's role also owns the tables, so it could rewrite the audit trail (docs/database-roles.md)");
  }
  // As the owner: Prisma's migrations, BullMQ's, then the runtime role's grants on whatever they made.
  const applied = await applyMigrations(database.migrateUrl);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  const { migrateQueue } = await import("@/lib/queue/backend");
  await migrateQueue(database.migrateUrl);
  await grantRuntimeRole(database.migrateUrl, roleOf(database.url));

  const { DATABASE_MIGRATE_URL: _owner, ...inherited } = process.env; // web and worker never get the owner's URL
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: authSecret(dataDir),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // Modules below read DATABASE_URL, REDIS_URL and NEXTAUTH_SECRET (sealing the demo's secret) from the environment.
  process.env.DATABASE_URL = database.url;
  process.env.NEXTAUTH_SECRET = env.NEXTAUTH_SECRET;
  (await import("@/lib/config")).reloadConfig();

  let demo: Prepared["demo"] = null;
  if (process.env.COUNTDOWN_DEMO !== "0") {
    const { demoPassword, demoService, seedDemo } = await import("../../prisma/seed/seed-demo");
    const password = demoPassword(dataDir);
    const service = demoService(dataDir, Number(process.env.COUNTDOWN_DEMO_PORT ?? port + 1));
    demo = {
      seeded: await seedDemo(password, service),
      password,
      service: { ...service, port: Number(new URL(service.url).port), stateDir: path.join(dataDir, "demo-service") },
    };
    const { disconnectDb } = await import("@/lib/db");
    await disconnectDb();
  }
  return { database, env, demo };
}
