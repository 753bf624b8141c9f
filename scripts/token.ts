// npm run token -- --email <email> [--name <label>] [--scope tick --scope read | --scope tick,read] [--expires 30d | 2027-06-30]
// creates an API token for that user and prints it as the last line. Without --scope the token has every scope;
// without --expires it lives 90 days (at most 365). Works with the app running or not (same COUNTDOWN_DATA_DIR /
// DATABASE_URL).
import { parseArgs } from "node:util";
import { z } from "zod";
import { TOKEN_DEFAULT_DAYS, TOKEN_SCOPES, ZTokenScope } from "../lib/schemas/token";
import { tokenLifetimeDays } from "./lib/token-lifetime";
import { openDatabase } from "./services/database";

const USAGE = `usage: npm run token -- --email <email> [--name <label>] [--scope ${TOKEN_SCOPES.join("|")} ...] [--expires <days>d | <YYYY-MM-DD>]`;

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, scope: { type: "string", multiple: true }, expires: { type: "string" } },
});
const args = z
  .object({
    email: z.string().trim().toLowerCase().email(),
    name: z.string().trim().min(1).max(100).default("cli"),
    scope: z
      .array(z.string())
      .default([...TOKEN_SCOPES])
      .transform((list) =>
        list
          .flatMap((s) => s.split(","))
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(ZTokenScope).min(1)),
    expires: z.string().optional(),
  })
  .safeParse(values);
if (!args.success) {
  console.error(`${args.error.issues.map((i) => `${i.path.join(".") || "arguments"}: ${i.message}`).join("\n")}\n${USAGE}`);
  process.exit(2);
}
const days = args.data.expires === undefined ? TOKEN_DEFAULT_DAYS : tokenLifetimeDays(args.data.expires);
if (typeof days === "string") {
  console.error(`--expires: ${days}\n${USAGE}`);
  process.exit(2);
}

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
const { db, disconnectDb } = await import("@/lib/db");
const { createApiTokenRow } = await import("@/lib/auth/api-tokens");
try {
  const user = await db().user.findUnique({ where: { email: args.data.email } });
  if (!user) {
    console.error(`no user with email ${args.data.email}`);
    process.exitCode = 1;
  } else if (user.disabledAt) {
    console.error(`${args.data.email} is disabled`);
    process.exitCode = 1;
  } else {
    const { token, row } = await createApiTokenRow(user.id, args.data.name, { scopes: args.data.scope, expiresInDays: days });
    console.error(
      `API token "${row.name}" for ${user.email} (${user.role}), scopes ${row.scopes.join(", ")}, expires ${row.expiresAt.toISOString()}; it is shown once, keep it safe:`,
    );
    console.log(token);
  }
} finally {
  await disconnectDb();
  await database.stop();
}
