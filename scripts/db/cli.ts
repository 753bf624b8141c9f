// npm run db:migrate            apply pending migrations (Prisma's, then BullMQ's schema), then the runtime role's grants
// npm run db:migration -- NAME  create prisma/migrations/<timestamp>_NAME from changes to schema.prisma
// npm run db:drift              exit 1 when schema.prisma and the migrations disagree
import { applyMigrations, createMigration, migrationDrift } from "./migrations";
import { withDatabase } from "../services/database";
import { grantRuntimeRole, roleOf } from "./runtime-role";

const [command, name] = process.argv.slice(2);

await withDatabase(async (url, database) => {
  switch (command) {
    case "migrate": {
      const applied = await applyMigrations(url);
      // BullMQ's tables too, as npm start does: web and worker run without it when started on their own
      // (docs/scaling.md), and the grants below must cover what it made.
      const { migrateQueue } = await import("@/lib/queue/backend");
      await migrateQueue(url);
      await grantRuntimeRole(url, roleOf(database.url));
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
      break;
    }
    case "create": {
      if (!name || !/^[A-Za-z0-9_-]+$/.test(name)) throw new Error("usage: npm run db:migration -- <name> (letters, digits, _ and -)");
      const created = await createMigration(url, name);
      console.log(
        created ? `created prisma/migrations/${created}/migration.sql (review it, then npm run db:migrate)` : "schema.prisma has no changes to migrate",
      );
      break;
    }
    case "drift": {
      const sql = await migrationDrift(url);
      if (sql) {
        console.error("schema.prisma and prisma/migrations disagree; a migration would need:\n" + sql);
        process.exitCode = 1;
      } else console.log("no drift: the migrations produce exactly schema.prisma");
      break;
    }
    default:
      throw new Error("usage: tsx scripts/db/cli.ts migrate | create <name> | drift");
  }
});
