// The one Prisma client. DATABASE_URL is always set for the app's processes: scripts/start.ts resolves the
// embedded PostgreSQL to a URL before it starts web and worker.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set (start the app with `npm start` or `npm run dev`)");
  const max = Number(process.env.COUNTDOWN_DB_POOL ?? 10);
  // Bursts (fifty managers pressing Deploy at once) queue for a pooled connection: wait for one up to 10 s
  // rather than Prisma's default 2 s, after which a transaction fails with P2028 (mapped to 503).
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max, connectionTimeoutMillis: 10_000 }),
    transactionOptions: { maxWait: 10_000, timeout: 20_000 },
  });
}

const globalForPrisma = globalThis as unknown as { countdownPrisma?: PrismaClient };

/** Created on first use, so importing a module that touches the database does not need DATABASE_URL at build time. */
export function db(): PrismaClient {
  globalForPrisma.countdownPrisma ??= createClient();
  return globalForPrisma.countdownPrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.countdownPrisma?.$disconnect();
  globalForPrisma.countdownPrisma = undefined;
}
