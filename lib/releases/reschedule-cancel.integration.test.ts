import { describe, expect, it } from "vitest";
import { GET as getRoute, PATCH as rescheduleRoute } from "@/app/api/releases/[id]/route";
import { POST as cancelRoute } from "@/app/api/releases/[id]/cancel/route";
import { PATCH as tickRoute } from "@/app/api/releases/[id]/items/[itemId]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { createChannel } from "@/lib/notifications/create-channel";
import { createSubscription } from "@/lib/notifications/create-subscription";
import { callRoute } from "@/test/call-route";
import { cancelRun } from "@/lib/runs/cancel-run";
import { startRun } from "@/lib/runs/start-run";
import { createCaller, createReleaseFixture } from "@/test/factories";
import { releaseWithProcedures } from "@/test/run-fixtures";

type Plan = {
  revision: number;
  status: string;
  scheduledAt: string;
  phases: { title: string; dueAt: string | null; items: { id: string; version: number }[] }[];
};
type ErrorBody = { error: { code: string; message: string; details?: { field?: string; issues?: { path: string }[]; current?: { revision: number } } } };

async function managerToken() {
  const manager = await createCaller("manager");
  return { manager, token: await createApiToken(manager.id, "t") };
}

const patch = (releaseId: string, token: string, body: unknown) =>
  callRoute(rescheduleRoute, `/api/releases/${releaseId}`, { id: releaseId }, { method: "PATCH", token, body });
const cancel = (releaseId: string, token: string, body?: unknown) =>
  callRoute(cancelRoute, `/api/releases/${releaseId}/cancel`, { id: releaseId }, { method: "POST", token, body });

describe("moving T-0", () => {
  it("moves every phase's due time, bumps the revision and records release.rescheduled, which channels hear", async () => {
    const { manager, token } = await managerToken();
    const release = await createReleaseFixture(manager, new Date("2031-01-15T10:00:00.000Z"));
    const { channel } = await createChannel({ kind: "json", name: "moves", url: "http://127.0.0.1:9/none", enabled: true }, await createCaller("admin"));
    await createSubscription({ channelId: channel.id, releaseId: release.id, eventTypes: ["release.rescheduled"] });

    const res = await patch(release.id, token, { scheduledAt: "2031-01-17T12:30:00+02:00", revision: 1 });
    expect(res.status).toBe(200);
    const moved = (await res.json()) as Plan;
    expect(moved).toMatchObject({ revision: 2, status: "scheduled", scheduledAt: "2031-01-17T10:30:00.000Z" });
    expect(moved.phases.map((p) => [p.title, p.dueAt])).toEqual([
      ["Week before", "2031-01-10T10:30:00.000Z"],
      ["Anytime", null],
    ]);
    // What GET answers afterwards (its per-process copy was dropped).
    const read = (await (await callRoute(getRoute, `/api/releases/${release.id}`, { id: release.id }, { token })).json()) as Plan;
    expect(read).toMatchObject({ revision: 2, scheduledAt: "2031-01-17T10:30:00.000Z" });

    const [event] = await db().event.findMany({ where: { releaseId: release.id, type: "release.rescheduled" } });
    expect(event).toMatchObject({ actorId: manager.id, payload: { scheduledAt: "2031-01-17T10:30:00.000Z", previous: "2031-01-15T10:00:00.000Z" } });
    expect(await db().notificationDelivery.findMany({ where: { channelId: channel.id } })).toMatchObject([
      { eventType: "release.rescheduled", releaseId: release.id },
    ]);
  });

  it("answers 409 to a stale revision, 400 naming a malformed field, 422 to a T-0 in the past, 403 to others", async () => {
    const { manager, token } = await managerToken();
    const release = await createReleaseFixture(manager, new Date("2031-01-15T10:00:00.000Z"));
    expect((await patch(release.id, token, { scheduledAt: "2031-02-01T10:00:00Z", revision: 1 })).status).toBe(200);

    const stale = await patch(release.id, token, { scheduledAt: "2031-03-01T10:00:00Z", revision: 1 });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorBody).error).toMatchObject({ code: "CONFLICT", details: { field: "revision", current: { revision: 2 } } });

    const fields = async (body: unknown) => {
      const res = await patch(release.id, token, body);
      return [res.status, ((await res.json()) as ErrorBody).error.details?.issues?.map((i) => i.path)];
    };
    expect(await fields({ scheduledAt: "next tuesday", revision: 2 })).toEqual([400, ["scheduledAt"]]);
    expect(await fields({ scheduledAt: "2031-03-01T10:00:00Z" })).toEqual([400, ["revision"]]);
    expect(await fields({ scheduledAt: "2031-03-01T10:00:00Z", revision: 2, status: "cancelled" })).toEqual([400, [""]]);

    const past = await patch(release.id, token, { scheduledAt: "2020-01-01T00:00:00Z", revision: 2 });
    expect(past.status).toBe(422);
    expect(((await past.json()) as ErrorBody).error).toMatchObject({ code: "UNPROCESSABLE", details: { field: "scheduledAt" } });

    for (const role of ["approver", "viewer"] as const) {
      const other = await createApiToken((await createCaller(role)).id, "t");
      expect((await patch(release.id, other, { scheduledAt: "2031-03-01T10:00:00Z", revision: 2 })).status, role).toBe(403);
      expect((await cancel(release.id, other)).status, role).toBe(403);
    }
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await patch(unknown, token, { scheduledAt: "2031-03-01T10:00:00Z", revision: 1 })).status).toBe(404);
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).scheduledAt.toISOString()).toBe("2031-02-01T10:00:00.000Z");
  });

  it("lets exactly one of several moves made from the same revision win", async () => {
    const { manager, token } = await managerToken();
    const release = await createReleaseFixture(manager, new Date("2031-01-15T10:00:00.000Z"));
    const answers = await Promise.all([1, 2, 3, 4, 5].map((day) => patch(release.id, token, { scheduledAt: `2031-02-0${day}T10:00:00Z`, revision: 1 })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await db().event.count({ where: { releaseId: release.id, type: "release.rescheduled" } })).toBe(1);
  });
});

describe("cancelling a release", () => {
  it("closes it: recorded with the reason, heard as release.cancelled, then no tick, no move and no second cancel", async () => {
    const { manager, token } = await managerToken();
    const release = await createReleaseFixture(manager, new Date("2031-01-15T10:00:00.000Z"));
    const { channel } = await createChannel({ kind: "slack", name: "cancels", url: "http://127.0.0.1:9/none", enabled: true }, await createCaller("admin"));
    await createSubscription({ channelId: channel.id, releaseId: release.id, eventTypes: ["release.cancelled"] });

    const res = await cancel(release.id, token, { reason: "Merged into 2.0", revision: 1 });
    expect(res.status).toBe(200);
    expect((await res.json()) as Plan).toMatchObject({ status: "cancelled", revision: 2 });
    const [event] = await db().event.findMany({ where: { releaseId: release.id, type: "release.status" } });
    expect(event).toMatchObject({ actorId: manager.id, payload: { status: "cancelled", previous: "scheduled", reason: "Merged into 2.0" } });
    expect(await db().notificationDelivery.findMany({ where: { channelId: channel.id } })).toMatchObject([{ eventType: "release.cancelled" }]);

    const again = await cancel(release.id, token);
    expect(again.status).toBe(409);
    expect(((await again.json()) as ErrorBody).error).toMatchObject({
      code: "LIFECYCLE",
      message: "The release is cancelled, which is final: you cannot cancel it any more.",
      details: { current: "cancelled", attempted: "cancel" },
    });
    expect((await patch(release.id, token, { scheduledAt: "2031-03-01T10:00:00Z", revision: 2 })).status).toBe(409);
    const item = release.phases[0].items[0];
    const tick = await callRoute(
      tickRoute,
      `/api/releases/${release.id}/items/${item.id}`,
      { id: release.id, itemId: item.id },
      { method: "PATCH", token, body: { checked: true, version: item.version } },
    );
    expect(tick.status).toBe(409);
  });

  it("takes an empty body, and refuses a stale revision when one is sent", async () => {
    const { manager, token } = await managerToken();
    const release = await createReleaseFixture(manager, new Date("2031-01-15T10:00:00.000Z"));
    expect((await patch(release.id, token, { scheduledAt: "2031-02-01T10:00:00Z", revision: 1 })).status).toBe(200);
    expect((await cancel(release.id, token, { revision: 1 })).status).toBe(409);
    expect((await cancel(release.id, token)).status).toBe(200);
  });

  it("refuses while one of the release's runs has not finished, and cancels once it has", async () => {
    const { manager, token } = await managerToken();
    const release = await releaseWithProcedures(manager, [
      { name: "Smoke", kind: "smoke", steps: [{ kind: "command", text: "slow check", command: "sleep 30" }] },
    ]);
    const { runId } = await startRun(release.id, { procedure: "smoke" }, manager);
    const refused = await cancel(release.id, token);
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.details?.field).toBe("run");
    expect(body.error.message).toContain("Smoke");
    await cancelRun(runId, manager);
    expect((await cancel(release.id, token)).status).toBe(200);
  });
});
