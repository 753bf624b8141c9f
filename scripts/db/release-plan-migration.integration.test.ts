import crypto from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { loadMigrationList } from "./migrations";
import { withSchemaEngine } from "./schema-engine";

const MIGRATION = "20261204190241_release_plan";
const FILTERS = { externalTables: [], externalEnums: [] };
// As the owner: the scratch database is created and migrated as `npm run db:migrate` would, which the runtime role may not.
const OWNER_URL = process.env.COUNTDOWN_TEST_OWNER_URL ?? process.env.DATABASE_URL!;

async function migrate(url: string, upTo: (dir: string) => boolean) {
  const list = loadMigrationList();
  await withSchemaEngine(url, (engine) =>
    engine.applyMigrations({ migrationsList: { ...list, migrationDirectories: list.migrationDirectories.filter((d) => upTo(d.path)) }, filters: FILTERS }),
  );
}

describe(`migration ${MIGRATION}`, () => {
  it("gives every existing release a copy of its template's current plan", async () => {
    const name = `countdown_scratch_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: OWNER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(OWNER_URL);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await migrate(url.toString(), (dir) => dir < MIGRATION);
      await client.query(`
        INSERT INTO "User" (id, email, name, role, "passwordHash") VALUES ('00000000-0000-4000-8000-000000000001', 'm@x', 'M', 'manager', 'x');
        INSERT INTO "Template" (id, name, "updatedAt") VALUES ('00000000-0000-4000-8000-000000000002', 'T', now());
        INSERT INTO "TemplateProcedure" (id, "templateId", position, name, kind) VALUES
          ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 0, 'Deploy', 'deploy'),
          ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000002', 1, 'Rollback', 'rollback');
        INSERT INTO "TemplateStep" (id, "procedureId", position, kind, text, config) VALUES
          (gen_random_uuid(), '00000000-0000-4000-8000-000000000003', 0, 'command', 'deploy', '{"command":"echo v1"}'),
          (gen_random_uuid(), '00000000-0000-4000-8000-000000000003', 1, 'wait', 'settle', '{"seconds":5}'),
          (gen_random_uuid(), '00000000-0000-4000-8000-000000000004', 0, 'command', 'back', '{"command":"echo back"}');
        INSERT INTO "Release" (id, "templateId", name, version, type, environment, "scheduledAt", "createdById", "updatedAt") VALUES
          ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000002', 'R1', '1', 'regular', 'e', now(), '00000000-0000-4000-8000-000000000001', now()),
          ('00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000002', 'R2', '1', 'regular', 'e', now(), '00000000-0000-4000-8000-000000000001', now());`);
      await migrate(url.toString(), () => true);
      const { rows } = await client.query(`
        SELECT r.name AS release, p.name AS procedure, p.kind::text AS kind, s.position, s.text, s.config
        FROM "ReleaseProcedure" p JOIN "Release" r ON r.id = p."releaseId" JOIN "ReleaseStep" s ON s."procedureId" = p.id
        ORDER BY r.name, p.position, s.position`);
      const plan = [
        { procedure: "Deploy", kind: "deploy", position: 0, text: "deploy", config: { command: "echo v1" } },
        { procedure: "Deploy", kind: "deploy", position: 1, text: "settle", config: { seconds: 5 } },
        { procedure: "Rollback", kind: "rollback", position: 0, text: "back", config: { command: "echo back" } },
      ];
      expect(rows).toEqual([...plan.map((s) => ({ release: "R1", ...s })), ...plan.map((s) => ({ release: "R2", ...s }))]);
    } finally {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
