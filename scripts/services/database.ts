// Which PostgreSQL the scripts use: DATABASE_URL when set, else the embedded one in COUNTDOWN_DATA_DIR.
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export function dataDir(): string {
  return path.resolve(process.env.COUNTDOWN_DATA_DIR ?? path.join(REPO_ROOT, ".countdown"));
}

export type Database = { url: string; embedded: boolean; stop(): Promise<void> };

/** Starts the embedded server unless DATABASE_URL is set (or attaches to it when `npm start` already runs it). */
export async function openDatabase(log: (line: string) => void = () => {}, options: { adopt?: boolean } = {}): Promise<Database> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  const pg = await startEmbeddedPostgres(dataDir(), log, options);
  return { url: pg.url, embedded: true, stop: pg.stop };
}

export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await fn(database.url);
  } finally {
    await database.stop();
  }
}
