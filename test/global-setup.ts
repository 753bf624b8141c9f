// Integration tests run against a real PostgreSQL (embedded unless DATABASE_URL is set) and a real Redis
// (started from Debian's redis-server unless REDIS_URL is set). Each run gets a fresh database of its own
// (countdown_test_<pid>), dropped at the end, so two test runs at once do not pull tables from under each other.
// Migrations run as the owner; the tests connect as the runtime role, as web and worker do, so a missing grant
// fails a test. COUNTDOWN_TEST_OWNER_URL is the owner's URL for the few tests that play the forger.
import path from "node:path";
import pg from "pg";
import { migrateQueue } from "../lib/queue/backend";
import { applyMigrations } from "../scripts/db/migrations";
import { grantRuntimeRole, roleOf, urlAs } from "../scripts/db/runtime-role";
import { startEmbeddedPostgres } from "../scripts/services/embedded-postgres";
import { startRedisServer } from "../scripts/services/redis-server";
import { isAlive } from "../scripts/lib/processes";

const dataDir = path.resolve(process.env.COUNTDOWN_TEST_DATA_DIR ?? ".countdown-test");

export default async function setup() {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres(dataDir);
  // With DATABASE_URL, the owner is DATABASE_MIGRATE_URL when given (it creates the test database).
  const baseUrl = embedded?.url ?? (process.env.DATABASE_MIGRATE_URL || process.env.DATABASE_URL!);
  const name = `countdown_test_${process.pid}`;
  await dropAbandonedDatabases(baseUrl);
  const ownerUrl = await freshDatabase(baseUrl, name);
  await applyMigrations(ownerUrl);
  await migrateQueue(ownerUrl);
  const runtime = embedded ? new URL(embedded.appUrl) : new URL(process.env.DATABASE_URL!);
  const url = urlAs(ownerUrl, decodeURIComponent(runtime.username), decodeURIComponent(runtime.password));
  await grantRuntimeRole(ownerUrl, roleOf(url));
  const redis = process.env.REDIS_URL ? null : await startRedisServer(path.join(dataDir, "redis"));

  process.env.DATABASE_URL = url;
  process.env.COUNTDOWN_TEST_OWNER_URL = ownerUrl;
  delete process.env.DATABASE_MIGRATE_URL;
  // Environment secrets are sealed with a key derived from this (lib/secrets/secret-box.ts).
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret";
  // Webhook tests post to receivers on this machine, which the SSRF guard refuses otherwise.
  process.env.COUNTDOWN_WEBHOOK_ALLOW_HOSTS ??= "127.0.0.1,localhost";
  process.env.COUNTDOWN_TEST_REDIS_URL = process.env.REDIS_URL ?? redis!.url;
  // COUNTDOWN_TEST_QUEUE=redis: the app's own queue (runs, workers) uses that Redis instead of PostgreSQL.
  if (process.env.COUNTDOWN_TEST_QUEUE === "redis") process.env.REDIS_URL = process.env.COUNTDOWN_TEST_REDIS_URL;

  return async () => {
    await redis?.stop();
    await dropDatabase(baseUrl, name);
    await embedded?.stop();
  };
}

async function withAdmin<T>(baseUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

function dropDatabase(baseUrl: string, name: string) {
  return withAdmin(baseUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** Test databases whose run died before its teardown (its pid is gone). */
async function dropAbandonedDatabases(baseUrl: string) {
  const { rows } = await withAdmin(baseUrl, (admin) =>
    admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname ~ '^countdown_test(_[0-9]+)?$'"),
  );
  for (const { datname } of rows) {
    const pid = Number(datname.split("_")[2]);
    if (!pid || !isAlive(pid)) await dropDatabase(baseUrl, datname);
  }
}

async function freshDatabase(baseUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
