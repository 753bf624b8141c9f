import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createRelease } from "@/lib/releases/create-release";
import { getRelease } from "@/lib/releases/get-release";
import { tickItem } from "@/lib/releases/tick-item";
import { createCaller, createReleaseFixture, createTemplateFixture } from "@/test/factories";

describe("creating a release", () => {
  it("copies the template's plan and dates each phase from T-0", async () => {
    const manager = await createCaller("manager");
    const template = await createTemplateFixture();
    const release = await createRelease(
      { templateId: template.id, name: "Checkout", version: "2.0.0", type: "hotfix", environment: "prod", scheduledAt: new Date("2030-03-10T12:00:00.000Z") },
      manager,
    );
    expect(release.phases.map((p) => [p.title, p.dueAt])).toEqual([
      ["Week before", "2030-03-03T12:00:00.000Z"],
      ["Anytime", null],
    ]);
    expect(release.phases.flatMap((p) => p.items.map((i) => i.text))).toEqual(["Cut the branch", "Review migrations", "Tell support"]);
    expect(release.progress).toEqual({ checked: 0, total: 3 });
    const events = await db().event.findMany({ where: { releaseId: release.id } });
    expect(events.map((e) => [e.seq, e.type, e.actorId])).toEqual([[1, "release.created", manager.id]]);
  });

  it("refuses an unknown template with 422 naming the field", async () => {
    const manager = await createCaller("manager");
    const attempt = createRelease(
      { templateId: "00000000-0000-4000-8000-000000000000", name: "x", version: "1", type: "regular", environment: "prod", scheduledAt: new Date() },
      manager,
    );
    await expect(attempt).rejects.toMatchObject({ code: "UNPROCESSABLE", status: 422, details: { field: "templateId" } });
  });
});

describe("ticking a checklist item", () => {
  it("records who ticked it, bumps the version and writes an event", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const item = release.phases[0].items[0];
    const ticked = await tickItem(release.id, item.id, { checked: true, note: "done on staging", version: item.version }, manager);
    expect(ticked).toMatchObject({ checked: true, version: item.version + 1, note: "done on staging", checkedBy: { id: manager.id } });
    expect(ticked.checkedAt).not.toBeNull();

    const unticked = await tickItem(release.id, item.id, { checked: false, version: ticked.version }, manager);
    expect(unticked).toMatchObject({ checked: false, checkedBy: null, checkedAt: null, version: item.version + 2 });

    const events = await db().event.findMany({ where: { releaseId: release.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.type)).toEqual(["release.created", "item.checked", "item.unchecked"]);
    expect((await getRelease(release.id)).progress).toEqual({ checked: 0, total: 3 });
  });

  it("answers 409 with the current state when the version is stale", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const item = release.phases[0].items[0];
    await tickItem(release.id, item.id, { checked: true, version: item.version }, manager);
    const stale = tickItem(release.id, item.id, { checked: false, version: item.version }, manager);
    await expect(stale).rejects.toBeInstanceOf(AppError);
    await expect(stale).rejects.toMatchObject({ status: 409, details: { field: "version", current: { checked: true, version: item.version + 1 } } });
  });

  it("lets exactly one of 50 concurrent ticks with the same version win", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const item = release.phases[0].items[0];
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => tickItem(release.id, item.id, { checked: true, version: item.version }, manager)),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const conflicts = results.filter((r) => r.status === "rejected" && (r.reason as AppError).status === 409);
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const events = await db().event.count({ where: { releaseId: release.id, type: "item.checked" } });
    expect(events).toBe(1);
  });

  it("does not find an item through another release's id", async () => {
    const manager = await createCaller("manager");
    const a = await createReleaseFixture(manager);
    const b = await createReleaseFixture(manager);
    const item = a.phases[0].items[0];
    await expect(tickItem(b.id, item.id, { checked: true, version: 1 }, manager)).rejects.toMatchObject({ status: 404 });
  });
});

describe("the release read copy", () => {
  it("is served while nothing changed and replaced as soon as the release's history moves", async () => {
    const { getReleaseFresh } = await import("@/lib/releases/release-cache");
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const first = await getReleaseFresh(release.id);
    expect(await getReleaseFresh(release.id)).toBe(first);
    const item = release.phases[0].items[0];
    await tickItem(release.id, item.id, { checked: true, version: item.version }, manager);
    const after = await getReleaseFresh(release.id);
    expect(after).not.toBe(first);
    expect(after.value.progress.checked).toBe(1);
    expect(after.value.lastSeq).toBe(first.value.lastSeq + 1);
    expect(JSON.parse(Buffer.from(after.body).toString("utf8"))).toEqual(JSON.parse(JSON.stringify(after.value)));
    expect(after.etag).not.toBe(first.etag);
  });

  it("is kept while this process listens and dropped on the release's NOTIFY, whoever made the change", async () => {
    const { getReleaseFresh } = await import("@/lib/releases/release-cache");
    const { releaseSignals } = await import("@/lib/stream/release-signals");
    const { appendEvent } = await import("@/lib/events/append-event");
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    await expect.poll(() => releaseSignals().listeningEpoch(), { timeout: 5_000 }).not.toBeNull();
    // Let the fixture's own signals arrive first: a copy that lives through 100 ms has seen them all.
    const settled = async () => {
      const copy = await getReleaseFresh(release.id);
      await new Promise((r) => setTimeout(r, 100));
      return (await getReleaseFresh(release.id)) === copy;
    };
    await expect.poll(settled, { timeout: 5_000 }).toBe(true);
    const first = await getReleaseFresh(release.id);
    // Moved behind the cache's back and without a signal: the copy is still served (no lookup of lastSeq asks).
    await db().$executeRaw`UPDATE "Release" SET "lastSeq" = "lastSeq" + 1000 WHERE id = ${release.id}::uuid`;
    expect(await getReleaseFresh(release.id)).toBe(first);
    // A change committed elsewhere (as a worker's would be) signals: the next read is fresh.
    await db().$transaction((tx) => appendEvent(tx, release.id, { type: "comment", actorId: manager.id, payload: { text: "from another process" } }));
    await expect.poll(async () => (await getReleaseFresh(release.id)).value.lastSeq, { timeout: 5_000 }).toBe(first.value.lastSeq + 1001);
  });
});
