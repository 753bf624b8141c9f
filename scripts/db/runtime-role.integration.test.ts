import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createCaller, createReleaseFixture } from "@/test/factories";

// The app's own connection (the runtime role, as web and worker use it) against the audit trail: it may append
// and read events, and nothing that would let it rewrite them, even by switching the append-only trigger off.

const refused = (statement: Promise<unknown>) => expect(statement).rejects.toThrow(/permission denied|must be owner|must be superuser/);

describe("the runtime role", () => {
  it("is neither superuser nor owner of the event table", async () => {
    const [me] = await db().$queryRaw<{ role: string; superuser: boolean; owner: string }[]>`
      SELECT current_user::text AS role, rolsuper AS superuser, pg_get_userbyid(c.relowner)::text AS owner
      FROM pg_roles, pg_class c WHERE rolname = current_user AND c.oid = '"Event"'::regclass`;
    expect(me.superuser).toBe(false);
    expect(me.owner).not.toBe(me.role);
  });

  it("appends and reads events, and may not UPDATE, DELETE or TRUNCATE them", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager); // appends release.created through the app's own path
    expect(await db().event.count({ where: { releaseId: release.id } })).toBe(1);
    await refused(db().$executeRaw`UPDATE "Event" SET type = 'forged' WHERE "releaseId" = ${release.id}::uuid`);
    await refused(db().$executeRaw`DELETE FROM "Event" WHERE "releaseId" = ${release.id}::uuid`);
    await refused(db().$executeRawUnsafe(`TRUNCATE "Event"`));
    expect(await db().event.count({ where: { releaseId: release.id, type: "release.created" } })).toBe(1);
  });

  it("may not switch the append-only trigger off, nor alter or drop the table", async () => {
    await refused(db().$executeRawUnsafe(`SET session_replication_role = replica`));
    await refused(db().$executeRawUnsafe(`ALTER TABLE "Event" DISABLE TRIGGER "Event_append_only"`));
    await refused(db().$executeRawUnsafe(`ALTER TABLE "Event" ADD COLUMN forged text`));
    await refused(db().$executeRawUnsafe(`DROP TRIGGER "Event_append_only" ON "Event"`));
    await refused(
      db().$executeRawUnsafe(`CREATE OR REPLACE FUNCTION countdown_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`),
    );
    await refused(db().$executeRawUnsafe(`DROP TABLE "Event"`));
  });
});
