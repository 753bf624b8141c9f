// The one Prisma client, and the pg pool under it. DATABASE_URL is always set for the app's processes:
// scripts/start.ts resolves the embedded PostgreSQL to a URL before it starts web and worker.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { config } from "@/lib/config";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createPool(): pg.Pool {
  const { DATABASE_URL: connectionString, COUNTDOWN_DB_POOL: max } = config();
  if (!connectionString) throw new Error("DATABASE_URL is not set (start the app with `npm start` or `npm run dev`)");
  // Bursts (fifty managers pressing Deploy at once) queue for a pooled connection: wait for one up to 10 s.
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 10_000 });
  // An idle connection that dies (the database restarted) is replaced on the next query; unheard, the error would end the process.
  pool.on("error", (err) => console.warn(`[db] idle connection lost: ${err.message}`));
  return pool;
}

function createClient(pool: pg.Pool): PrismaClient {
  // Prisma's default transaction wait is 2 s, after which a transaction fails with P2028 (mapped to 503).
  return new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: { maxWait: 10_000, timeout: 20_000 } });
}

const globalForDb = globalThis as unknown as { countdownPrisma?: PrismaClient; countdownPool?: pg.Pool };

/** The pg pool Prisma queries through. */
function pool(): pg.Pool {
  globalForDb.countdownPool ??= createPool();
  return globalForDb.countdownPool;
}

/** Created on first use, so importing a module that touches the database does not need DATABASE_URL at build time. */
export function db(): PrismaClient {
  globalForDb.countdownPrisma ??= createClient(pool());
  return globalForDb.countdownPrisma;
}

/**
 * One statement straight on the pool, for the rare statement that carries megabytes of parameters (a 1 MB
 * runbook's plan): Prisma's query layer copies each parameter, which cost a tenth of the import's time. Everything
 * else goes through db() or sql.
 */
export async function bulkStatement(text: string, values: unknown[]): Promise<void> {
  await pool().query(text, values);
}

const prepared = new WeakMap<TemplateStringsArray, { name: string; text: string }>();
let preparedCount = 0;

/**
 * A raw statement of a hot path (a step of an HTTP check, an output batch), straight on the pool as a named
 * prepared statement: parsed and planned once per connection, and without Prisma's query compiler, which took
 * about 0.4 ms of CPU per statement in the worker (bench "checks"). Values are bound as with db().$queryRaw;
 * results come as pg types them (int4 -> number, timestamptz -> Date, jsonb -> value, but int8 -> string).
 */
export async function sql<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
  let statement = prepared.get(strings);
  if (!statement) {
    statement = { name: `countdown_${++preparedCount}`, text: strings.reduce((text, part, i) => `${text}$${i}${part}`) };
    prepared.set(strings, statement);
  }
  const result = await pool().query({ ...statement, values });
  return result.rows as T[];
}

export async function disconnectDb(): Promise<void> {
  await globalForDb.countdownPrisma?.$disconnect();
  await globalForDb.countdownPool?.end();
  globalForDb.countdownPrisma = undefined;
  globalForDb.countdownPool = undefined;
}
