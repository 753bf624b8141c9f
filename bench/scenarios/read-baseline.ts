// Baseline for GET /api/releases/:id: the exact SQL the route runs (captured from Prisma's query log while
// calling the same functions: the token lookup and getRelease), replayed with `pg` by a plain node:http
// server in a process of its own, so it pays the same database work without Next.js and Prisma.
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { userForToken } from "@/lib/auth/api-tokens";
import { getRelease } from "@/lib/releases/get-release";
import { spawnLogged, stopProc, waitFor, type Proc } from "../lib/app";

export type CapturedQuery = { sql: string; params: unknown[] };

export async function captureReleaseSql(databaseUrl: string, token: string, releaseId: string): Promise<CapturedQuery[]> {
  const queries: CapturedQuery[] = [];
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 2 }), log: [{ emit: "event", level: "query" }] });
  client.$on("query", (e) => queries.push({ sql: e.query, params: JSON.parse(e.params) as unknown[] }));
  const holder = globalThis as unknown as { countdownPrisma?: PrismaClient };
  const previous = holder.countdownPrisma;
  holder.countdownPrisma = client;
  try {
    await userForToken(token);
    await getRelease(releaseId);
  } finally {
    holder.countdownPrisma = previous;
    await client.$disconnect();
  }
  return queries.filter((q) => !/^(BEGIN|COMMIT|ROLLBACK)/i.test(q.sql));
}

export async function startBaselineServer(databaseUrl: string, queries: CapturedQuery[], dataDir: string, port: number): Promise<Proc> {
  const file = path.join(dataDir, "baseline-queries.json");
  fs.writeFileSync(file, JSON.stringify(queries));
  const proc = spawnLogged(
    "baseline",
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "..", "baseline-server.ts")],
    { ...process.env, DATABASE_URL: databaseUrl, BASELINE_QUERIES: file, BASELINE_PORT: String(port) },
    path.join(dataDir, "baseline.log"),
  );
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/`)).ok, 30_000, "the baseline server");
  return proc;
}

export { stopProc };
