// The database functions that hold rules live as readable files, prisma/sql/<name>.sql, each the function's
// current definition. Migrations apply them: `npm run db:migration` copies every file whose definition differs
// from what the migrations leave into the new migration, and sql-files.integration.test.ts checks that the
// migrated database holds exactly the files.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { PRISMA_DIR } from "./schema-engine";

export const SQL_DIR = path.join(PRISMA_DIR, "sql");

export type FunctionDefinition = { args: string; body: string };
export type SqlFile = { name: string; sql: string; definition: FunctionDefinition };

// "p_at timestamptz" as written and Postgres' "p_at timestamp with time zone" are the same.
const normaliseArgs = (args: string) =>
  args
    .replace(/\s+/g, " ")
    .replace(/\btimestamptz\b/g, "timestamp with time zone")
    .replace(/\bint\b|\bint4\b/g, "integer")
    .trim();

export function readSqlFiles(): SqlFile[] {
  return fs
    .readdirSync(SQL_DIR)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .map((file) => {
      const name = file.replace(/\.sql$/, "");
      const sql = fs.readFileSync(path.join(SQL_DIR, file), "utf8");
      const header = new RegExp(`CREATE OR REPLACE FUNCTION ${name}\\(([^)]*)\\)`).exec(sql);
      const body = /AS \$(\w*)\$([\s\S]*?)\$\1\$;/.exec(sql);
      if (!header || !body) throw new Error(`prisma/sql/${file} does not read as CREATE OR REPLACE FUNCTION ${name}(...) ... AS $$ ... $$;`);
      return { name, sql, definition: { args: normaliseArgs(header[1]), body: body[2].trim() } };
    });
}

/** The countdown_* functions of a database: identity arguments and body. */
export async function databaseFunctions(client: pg.Client): Promise<Map<string, FunctionDefinition>> {
  const { rows } = await client.query<{ name: string; args: string; body: string }>(
    `SELECT p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args, p.prosrc AS body
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema() AND p.proname LIKE 'countdown\\_%'`,
  );
  return new Map(rows.map((r) => [r.name, { args: normaliseArgs(r.args), body: r.body.trim() }]));
}

/** The files whose function the database lacks or defines otherwise. */
export async function changedSqlFiles(databaseUrl: string): Promise<SqlFile[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const current = await databaseFunctions(client);
    return readSqlFiles().filter((file) => {
      const have = current.get(file.name);
      return !have || have.args !== file.definition.args || have.body !== file.definition.body;
    });
  } finally {
    await client.end();
  }
}
