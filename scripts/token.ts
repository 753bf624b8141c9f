// npm run token -- --email <email> [--name <label>]: creates an API token for that user and prints it as
// the last line. Works with the app running or not (same COUNTDOWN_DATA_DIR / DATABASE_URL).
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "./services/database";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const args = z.object({ email: z.string().trim().toLowerCase().email(), name: z.string().min(1).max(100).default("cli") }).safeParse(values);
if (!args.success) {
  console.error("usage: npm run token -- --email <email> [--name <label>]");
  process.exit(2);
}

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
const { db, disconnectDb } = await import("@/lib/db");
const { createApiToken } = await import("@/lib/auth/api-tokens");
try {
  const user = await db().user.findUnique({ where: { email: args.data.email } });
  if (!user) {
    console.error(`no user with email ${args.data.email}`);
    process.exitCode = 1;
  } else if (user.disabledAt) {
    console.error(`${args.data.email} is disabled`);
    process.exitCode = 1;
  } else {
    const token = await createApiToken(user.id, args.data.name);
    console.error(`API token for ${user.email} (${user.role}); it is shown once, keep it safe:`);
    console.log(token);
  }
} finally {
  await disconnectDb();
  await database.stop();
}
