// Items due after T-0 (post-launch, e.g. T+30m) wait for the deploy; a release manager may tick one early on
// purpose, and the event says so. Through the route, so the wrapper's roles and zod run for real.
import { describe, expect, it } from "vitest";
import { PATCH as tickRoute } from "@/app/api/releases/[id]/items/[itemId]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createRelease } from "@/lib/releases/create-release";
import { createCaller, createTemplateFixture, uid } from "@/test/factories";
import { callRoute } from "@/test/call-route";

async function releaseWithPostLaunchItem(manager: Caller) {
  const template = await createTemplateFixture({
    name: "Post-launch plan",
    phases: [
      { title: "Before", offsetMinutes: -60, items: [{ text: "Freeze the branch", required: false, ownerRole: null }] },
      { title: "At T-0", offsetMinutes: 0, items: [{ text: "Announce", required: false, ownerRole: null }] },
      { title: "After launch", offsetMinutes: 30, items: [{ text: "Check the error budget", required: false, ownerRole: null }] },
    ],
    procedures: [],
  });
  const release = await createRelease(
    {
      templateId: template.id,
      name: `Tick early ${uid()}`,
      version: "1.0.0",
      type: "regular",
      environment: `env-${uid()}`,
      scheduledAt: new Date("2030-01-15T10:00:00.000Z"),
    },
    manager,
  );
  const [before, atT0, after] = release.phases.map((p) => p.items[0]);
  return { release, before, atT0, after };
}

async function tick(releaseId: string, itemId: string, caller: Caller, body: unknown) {
  const res = await callRoute(
    tickRoute,
    `/api/releases/${releaseId}/items/${itemId}`,
    { id: releaseId, itemId },
    {
      method: "PATCH",
      token: await createApiToken(caller.id, "test"),
      body,
    },
  );
  return { status: res.status, body: (await res.json()) as { version?: number; error?: { code: string; message: string; details?: { field?: string } } } };
}

describe("ticking an item due after T-0", () => {
  it("is refused with 409 before the deploy started, naming why; items due before or at T-0 tick as usual", async () => {
    const manager = await createCaller("manager");
    const { release, before, atT0, after } = await releaseWithPostLaunchItem(manager);
    const refused = await tick(release.id, after.id, manager, { checked: true, version: after.version });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.message).toBe("Due after T-0 (T+30m); the deploy has not started. A release manager can tick it early.");
    expect(refused.body.error?.details).toMatchObject({ field: "early", state: "scheduled" });
    expect((await db().releaseItem.findUniqueOrThrow({ where: { id: after.id } })).checked).toBe(false);
    expect(await db().event.count({ where: { releaseId: release.id, type: "item.checked" } })).toBe(0);

    expect((await tick(release.id, before.id, manager, { checked: true, version: before.version })).status).toBe(200);
    expect((await tick(release.id, atT0.id, manager, { checked: true, version: atT0.version })).status).toBe(200);
  });

  it("a manager ticks it early on purpose: recorded with early: true; unticking needs no flag", async () => {
    const manager = await createCaller("manager");
    const { release, after } = await releaseWithPostLaunchItem(manager);
    const early = await tick(release.id, after.id, manager, { checked: true, version: after.version, early: true });
    expect(early.status).toBe(200);
    const event = await db().event.findFirstOrThrow({ where: { releaseId: release.id, type: "item.checked" } });
    expect(event).toMatchObject({ actorId: manager.id, payload: { itemId: after.id, early: true } });
    const untick = await tick(release.id, after.id, manager, { checked: false, version: early.body.version });
    expect(untick.status).toBe(200);
  });

  it("ticks as usual once the deploy started, and the event carries no early flag", async () => {
    const manager = await createCaller("manager");
    const { release, after } = await releaseWithPostLaunchItem(manager);
    await db().release.update({ where: { id: release.id }, data: { status: "deploying" } });
    expect((await tick(release.id, after.id, manager, { checked: true, version: after.version })).status).toBe(200);
    const event = await db().event.findFirstOrThrow({ where: { releaseId: release.id, type: "item.checked" } });
    expect(event.payload).not.toHaveProperty("early");
  });

  it("refuses others and an early untick", async () => {
    const manager = await createCaller("manager");
    const approver = await createCaller("approver");
    const { release, after } = await releaseWithPostLaunchItem(manager);
    expect((await tick(release.id, after.id, approver, { checked: true, version: after.version, early: true })).status).toBe(403);
    const bad = await tick(release.id, after.id, manager, { checked: false, version: after.version, early: true });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("early");
    const notTrue = await tick(release.id, after.id, manager, { checked: true, version: after.version, early: "yes" });
    expect(notTrue.status).toBe(400);
  });
});
