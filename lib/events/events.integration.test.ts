import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { eventHash } from "@/lib/events/event-hash";
import { tickItem } from "@/lib/releases/tick-item";
import { createCaller, createReleaseFixture } from "@/test/factories";
import { ownerDb } from "@/test/owner-db";

describe("the event chain", () => {
  it("numbers events 1..n and chains each hash to the previous one", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const items = release.phases.flatMap((p) => p.items);
    await Promise.all(items.map((i) => tickItem(release.id, i.id, { checked: true, version: i.version }, manager)));

    const events = await db().event.findMany({ where: { releaseId: release.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    let prev: string | null = null;
    for (const e of events) {
      expect(e.prevHash).toBe(prev);
      expect(e.hash).toBe(
        eventHash({ releaseId: e.releaseId, seq: e.seq, type: e.type, actorId: e.actorId, at: e.at, payload: e.payload, prevHash: e.prevHash }),
      );
      prev = e.hash;
    }
    const head = await db().release.findUniqueOrThrow({ where: { id: release.id } });
    expect(head.lastEventHash).toBe(prev);
    expect(head.lastSeq).toBe(4);
  });

  it("refuses UPDATE and DELETE of events in the database itself, even to the owner role", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    await expect(ownerDb().$executeRaw`UPDATE "Event" SET type = 'forged' WHERE "releaseId" = ${release.id}::uuid`).rejects.toThrow(/append-only/);
    await expect(ownerDb().$executeRaw`DELETE FROM "Event" WHERE "releaseId" = ${release.id}::uuid`).rejects.toThrow(/append-only/);
    expect(await db().event.count({ where: { releaseId: release.id, type: "release.created" } })).toBe(1);
  });
});
