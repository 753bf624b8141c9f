// Two database roles (docs/database-roles.md): migrations run as the owner; web and worker connect as a runtime
// role that owns nothing and is no superuser, so even the app's own credentials cannot rewrite the audit trail.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

/** The runtime role the embedded PostgreSQL creates; with DATABASE_URL it is whatever user that URL names. */
export const RUNTIME_ROLE = "countdown_app";
const GRANTS_SQL = path.join(import.meta.dirname, "runtime-role.sql");

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The user a connection URL logs in as. */
export const roleOf = (url: string) => decodeURIComponent(new URL(url).username);

/** Creates the login role (or resets its password) with no privileges beyond logging in; needs CREATEROLE. */
export async function ensureRuntimeRole(adminUrl: string, password: string, role = RUNTIME_ROLE): Promise<void> {
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    const literal = (await client.query<{ q: string }>("SELECT quote_literal($1) AS q", [password])).rows[0].q;
    const attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";
    await client.query(`${rowCount ? "ALTER" : "CREATE"} ROLE ${quoteIdent(role)} ${attributes} PASSWORD ${literal}`);
  });
}

/** Grants the runtime role what the app needs and nothing more (runtime-role.sql), as the owner, after migrations. */
export async function grantRuntimeRole(ownerUrl: string, role: string): Promise<void> {
  if (role === roleOf(ownerUrl)) return; // one role for both: nothing to grant (and nothing protected)
  const sql = fs.readFileSync(GRANTS_SQL, "utf8").replaceAll("countdown_app", quoteIdent(role));
  await withClient(ownerUrl, (client) => client.query(sql));
}

/** `url` logging in as `role` with `password` instead. */
export function urlAs(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}
