// Which PostgreSQL the scripts use: DATABASE_URL when set, else the embedded one in COUNTDOWN_DATA_DIR.
import path from "node:path";
import { postmasterAlive, startEmbeddedPostgres } from "./embedded-postgres";

export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

export function dataDir(): string {
  return path.resolve(process.env.COUNTDOWN_DATA_DIR ?? path.join(REPO_ROOT, ".countdown"));
}

/**
 * `url`: the runtime role web and worker use; `migrateUrl`: the owner role migrations use (docs/database-roles.md).
 * With DATABASE_URL and no DATABASE_MIGRATE_URL they are the same role, as before two roles existed.
 */
export type Database = {
  url: string;
  migrateUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
  /** Embedded only: whether its server is up, and starting it again after a crash (its recovery replays the WAL). */
  alive?(): boolean;
  restart?(): Promise<void>;
};

/** Starts the embedded server unless DATABASE_URL is set (or attaches to it when `npm start` already runs it). */
export async function openDatabase(log: (line: string) => void = () => {}, options: { adopt?: boolean } = {}): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return { url, migrateUrl: process.env.DATABASE_MIGRATE_URL || url, embedded: false, stop: async () => {} };
  const dir = dataDir();
  const pg = await startEmbeddedPostgres(dir, log, options);
  return {
    url: pg.appUrl,
    migrateUrl: pg.url,
    embedded: true,
    stop: pg.stop,
    alive: () => postmasterAlive(dir),
    async restart() {
      const again = await startEmbeddedPostgres(dir, log);
      // Web and worker hold the first URL: a server that moved to another port would be one they cannot reach.
      if (again.port !== pg.port) throw new Error(`the embedded PostgreSQL came back on port ${again.port}, not ${pg.port}`);
    },
  };
}

/** Runs `fn` with the owner's URL (migrations, drift). */
export async function withDatabase<T>(fn: (migrateUrl: string, database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase();
  try {
    return await fn(database.migrateUrl, database);
  } finally {
    await database.stop();
  }
}
