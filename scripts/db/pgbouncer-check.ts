// What PgBouncer in transaction mode does to Countdown's connections (docs/scaling.md): a throwaway embedded
// PostgreSQL, migrated, behind a local pgbouncer (Debian's package: apt-get install pgbouncer) with 3 server
// connections; then Prisma, the named prepared statements of lib/db.ts `sql`, a LISTEN, and BullMQ's pool options
// through it. Prints one JSON object. Run: node --conditions=react-server --import tsx scripts/db/pgbouncer-check.ts
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, freePort } from "@/scripts/services/embedded-postgres";
import { applyMigrations } from "@/scripts/db/migrations";
import { grantRuntimeRole } from "@/scripts/db/runtime-role";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pgb-try-"));
fs.chmodSync(dir, 0o755);
const db = await startEmbeddedPostgres(dir);
await applyMigrations(db.url);
const { migrateQueue } = await import("@/lib/queue/backend");
await migrateQueue(db.url);
await grantRuntimeRole(db.url, "countdown_app");
const app = new URL(db.appUrl);
const bport = await freePort();
const bdir = path.join(dir, "bouncer");
fs.mkdirSync(bdir, { mode: 0o777 });
fs.chmodSync(bdir, 0o777);
fs.writeFileSync(path.join(bdir, "users.txt"), `"countdown_app" "${decodeURIComponent(app.password)}"\n`, { mode: 0o644 });
fs.writeFileSync(
  path.join(bdir, "pgbouncer.ini"),
  `[databases]
countdown = host=127.0.0.1 port=${db.port} dbname=countdown
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${bport}
unix_socket_dir =
auth_type = scram-sha-256
auth_file = ${bdir}/users.txt
pool_mode = transaction
default_pool_size = 3
max_client_conn = 200
logfile = ${bdir}/pgbouncer.log
pidfile = ${bdir}/pgbouncer.pid
`,
);
const bouncer = spawn("/usr/sbin/pgbouncer", ["-u", "postgres", path.join(bdir, "pgbouncer.ini")], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 1500));
const via = new URL(db.appUrl);
via.port = String(bport);
const version = spawnSync("/usr/sbin/pgbouncer", ["--version"], { encoding: "utf8" }).stdout.split("\n")[0];
const out: Record<string, unknown> = { pgbouncer: version, pool_mode: "transaction" };
try {
  process.env.DATABASE_URL = via.toString();
  (await import("@/lib/config")).reloadConfig();
  const { sql, db: prisma, disconnectDb } = await import("@/lib/db");
  // Prisma through the bouncer
  try {
    await prisma().$queryRaw`SELECT 1`;
    await Promise.all(Array.from({ length: 40 }, () => prisma().user.count()));
    out.prisma = "ok";
  } catch (e) {
    out.prisma = (e as Error).message.split("\n").slice(-2).join(" ");
  }
  // Named prepared statements (lib/db.ts sql) from 10 client connections over 3 server connections
  const errors = new Map<string, number>();
  let ok = 0;
  await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      try {
        if (i % 2) await sql`SELECT ${i}::int AS n`;
        else await sql`SELECT ${String(i)}::text AS t, pg_sleep(0.005)`;
        ok++;
      } catch (e) {
        const m = (e as Error).message;
        errors.set(m, (errors.get(m) ?? 0) + 1);
      }
    }),
  );
  out.prepared = { ok, errors: Object.fromEntries(errors) };
  await disconnectDb();
  // LISTEN through the bouncer, NOTIFY direct
  const listener = new pg.Client({ connectionString: via.toString() });
  await listener.connect();
  let heard = 0;
  listener.on("notification", () => heard++);
  await listener.query("LISTEN pgb_try");
  const busy = new pg.Pool({ connectionString: via.toString(), max: 5 });
  await Promise.all(Array.from({ length: 30 }, () => busy.query("SELECT pg_sleep(0.01)")));
  const direct = new pg.Client({ connectionString: db.appUrl });
  await direct.connect();
  for (let i = 0; i < 5; i++) await direct.query("NOTIFY pgb_try, 'x'");
  await new Promise((r) => setTimeout(r, 1000));
  out.listen = `${heard} of 5 notifications heard`;
  await direct.end();
  await listener.end();
  await busy.end();
  // BullMQ's pool option search_path
  const q = new pg.Client({ connectionString: via.toString(), options: "-c search_path=bullmq" });
  try {
    await q.connect();
    await q.query("SELECT 1");
    out.queue_options = "ok";
    await q.end();
  } catch (e) {
    out.queue_options = (e as Error).message;
  }
} finally {
  console.log(JSON.stringify(out, null, 2));
  bouncer.kill("SIGTERM");
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
