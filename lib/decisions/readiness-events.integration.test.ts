import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as tickRoute } from "@/app/api/releases/[id]/items/[itemId]/route";
import { POST as decideRoute } from "@/app/api/releases/[id]/decisions/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { decide } from "@/lib/decisions/decide";
import { eventsOf, gateRelease } from "@/test/decision-fixtures";
import { withdrawDecision } from "@/lib/decisions/withdraw-decision";
import { createChannel } from "@/lib/notifications/create-channel";
import { createSubscription } from "@/lib/notifications/create-subscription";
import { sweepNotifications } from "@/workers/notifications/sweep-notifications";
import { tickItem } from "@/lib/releases/tick-item";
import { callRoute } from "@/test/call-route";
import { createCaller } from "@/test/factories";
import { startInProcessWorker } from "@/test/run-fixtures";
import { startReceiver, waitFor } from "@/test/webhook-receiver";

type Release = Awaited<ReturnType<typeof gateRelease>>["release"];

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => {
  worker = startInProcessWorker();
});
afterAll(() => worker.stop());

/** The two required items due before T-0 of the gate template ("Cut the branch", "Tell support"). */
const gatingItems = (release: Release) =>
  release.phases.filter((p) => p.offsetMinutes === null || p.offsetMinutes < 0).flatMap((p) => p.items.filter((i) => i.required));

async function statusMoves(releaseId: string) {
  return (await eventsOf(releaseId)).filter((e) => e.type === "release.status").map((e) => (e.payload as { status: string }).status);
}

async function twoGos(releaseId: string) {
  await decide(releaseId, { decision: "go" }, await createCaller("approver", ["lead"]));
  await decide(releaseId, { decision: "go" }, await createCaller("approver"));
}

async function tickViaApi(release: Release, item: { id: string; version: number }, checked: boolean, manager: Caller) {
  const token = await createApiToken(manager.id, "t");
  return callRoute(
    tickRoute,
    `/api/releases/${release.id}/items/${item.id}`,
    { id: release.id, itemId: item.id },
    { method: "PATCH", token, body: { checked, version: item.version } },
  );
}

describe("release.ready", () => {
  it("two managers ticking the last two required items at once record it exactly once", async () => {
    // Several rounds: the two ticks race for the release's lock in either order.
    for (let round = 0; round < 6; round++) {
      const { release } = await gateRelease();
      await twoGos(release.id);
      expect(await statusMoves(release.id)).toEqual([]);
      const [a, b] = gatingItems(release);
      const [m1, m2] = [await createCaller("manager"), await createCaller("manager")];
      const answers = await Promise.all([tickViaApi(release, a, true, m1), tickViaApi(release, b, true, m2)]);
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      expect(await statusMoves(release.id), `round ${round}`).toEqual(["ready"]);
      expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("ready");
    }
  });

  it("the last go and the last tick at once record it exactly once", async () => {
    for (let round = 0; round < 4; round++) {
      const { release, manager } = await gateRelease();
      const [a, b] = gatingItems(release);
      await tickItem(release.id, a.id, { checked: true, version: a.version }, manager);
      await decide(release.id, { decision: "go" }, await createCaller("approver", ["lead"]));
      const approver = await createCaller("approver");
      const [ticked, voted] = await Promise.all([
        tickViaApi(release, b, true, manager),
        callRoute(
          decideRoute,
          `/api/releases/${release.id}/decisions`,
          { id: release.id },
          { method: "POST", token: await createApiToken(approver.id, "t"), body: { decision: "go" } },
        ),
      ]);
      expect([ticked.status, voted.status]).toEqual([200, 201]);
      expect(await statusMoves(release.id), `round ${round}`).toEqual(["ready"]);
    }
  });

  it("is recorded again only after the release was not ready in between, and the move back is recorded too", async () => {
    const { release, manager } = await gateRelease();
    const lead = await createCaller("approver", ["lead"]);
    await decide(release.id, { decision: "go" }, lead);
    const [a, b] = gatingItems(release);
    await tickItem(release.id, a.id, { checked: true, version: a.version }, manager);
    const ticked = await tickItem(release.id, b.id, { checked: true, version: b.version }, manager);
    expect(await statusMoves(release.id)).toEqual([]);
    // The second go completes the policy.
    await decide(release.id, { decision: "go" }, await createCaller("approver"));
    expect(await statusMoves(release.id)).toEqual(["ready"]);

    // Ticking an optional item, or one due after T-0, changes nothing.
    const optional = release.phases.flatMap((p) => p.items).filter((i) => !i.required || gatingItems(release).every((g) => g.id !== i.id));
    // Before the deploy an item due after T-0 is ticked early on purpose (tick-item.ts).
    const afterT0 = new Set(release.phases.filter((p) => (p.offsetMinutes ?? 0) > 0).flatMap((p) => p.items.map((i) => i.id)));
    for (const item of optional)
      await tickItem(release.id, item.id, { checked: true, version: item.version, ...(afterT0.has(item.id) ? { early: true as const } : {}) }, manager);
    expect(await statusMoves(release.id)).toEqual(["ready"]);

    // Unticking a required item moves it back, with the blocker; ticking it again makes it ready again.
    const unticked = await tickItem(release.id, b.id, { checked: false, version: ticked.version }, manager);
    const back = (await eventsOf(release.id)).filter((e) => e.type === "release.status").at(-1)!;
    expect(back).toMatchObject({ actorId: manager.id, payload: { status: "scheduled", blockers: [expect.stringContaining('"Tell support"')] } });
    await tickItem(release.id, b.id, { checked: true, version: unticked.version }, manager);
    expect(await statusMoves(release.id)).toEqual(["ready", "scheduled", "ready"]);

    // A withdrawn go moves it back as well.
    await withdrawDecision(release.id, lead);
    expect(await statusMoves(release.id)).toEqual(["ready", "scheduled", "ready", "scheduled"]);
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("scheduled");
  });

  it("reaches a channel subscribed to release.ready", async () => {
    const receiver = await startReceiver();
    try {
      const admin = await createCaller("admin");
      const { channel } = await createChannel({ kind: "json", name: "ready", url: receiver.url("/ready"), enabled: true }, admin);
      const { release, manager } = await gateRelease();
      await createSubscription({ channelId: channel.id, releaseId: release.id, eventTypes: ["release.ready"] });
      await twoGos(release.id);
      const [a, b] = gatingItems(release);
      await Promise.all([tickViaApi(release, a, true, manager), tickViaApi(release, b, true, manager)]);

      const deliveries = await db().notificationDelivery.findMany({ where: { channelId: channel.id } });
      expect(deliveries).toMatchObject([{ eventType: "release.ready", releaseId: release.id, status: "pending" }]);
      await sweepNotifications();
      await waitFor("the release.ready post", () => receiver.received.length === 1);
      const body = JSON.parse(receiver.received[0].raw.toString("utf8"));
      expect(body).toMatchObject({ type: "release.ready", release: { id: release.id, status: "ready" }, data: { event: "release.status", status: "ready" } });
      await waitFor(
        "the row to say sent",
        async () => (await db().notificationDelivery.findFirstOrThrow({ where: { channelId: channel.id } })).status === "sent",
      );
    } finally {
      await receiver.close();
    }
  });
});
