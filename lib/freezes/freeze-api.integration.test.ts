import { describe, expect, it } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/freezes/route";
import { DELETE as deleteRoute } from "@/app/api/freezes/[id]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { FreezeView } from "@/lib/freezes/freeze-view";
import { callRoute } from "@/test/call-route";
import { createCaller, uid } from "@/test/factories";

const tokenOf = async (role: "admin" | "manager" | "viewer") => createApiToken((await createCaller(role)).id, "t");
const post = (token: string, body: unknown) => callRoute(createRoute, "/api/freezes", {}, { method: "POST", token, body });
const HOUR = 3_600_000;

describe("the freeze API as the Freezes page uses it", () => {
  it("a weekly window in America/New_York answers its next occurrences at the same New York wall-clock time", async () => {
    const admin = await tokenOf("admin");
    const environment = `prod-${uid()}`;
    const res = await post(admin, {
      kind: "recurring",
      environment,
      reason: "Weekend",
      recurrence: { startDay: 6, startTime: "22:00", endDay: 0, endTime: "06:00", timeZone: "America/New_York" },
    });
    expect(res.status).toBe(201);
    const view = (await res.json()) as FreezeView;
    expect(view.upcoming).toHaveLength(3);
    const ny = new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    for (const o of view.upcoming) {
      expect(ny.format(new Date(o.startsAt))).toBe("Sat 22:00");
      expect(ny.format(new Date(o.endsAt))).toBe("Sun 06:00");
      // 8 hours, or 7 / 9 on the night the clocks change.
      expect([7 * HOUR, 8 * HOUR, 9 * HOUR]).toContain(new Date(o.endsAt).getTime() - new Date(o.startsAt).getTime());
      expect(new Date(o.endsAt).getTime()).toBeGreaterThan(Date.now());
    }
    expect(view.upcoming.map((o) => o.startsAt)).toEqual([...view.upcoming.map((o) => o.startsAt)].sort());

    // Anyone signed in reads the list (the page's read-only view); only an admin deletes.
    const viewer = await tokenOf("viewer");
    const list = await callRoute(listRoute, `/api/freezes?environment=${environment}`, {}, { token: viewer });
    expect(list.status).toBe(200);
    expect(((await list.json()) as { freezes: FreezeView[] }).freezes).toEqual([expect.objectContaining({ id: view.id, upcoming: view.upcoming })]);
    expect((await callRoute(deleteRoute, `/api/freezes/${view.id}`, { id: view.id }, { method: "DELETE", token: viewer })).status).toBe(403);
    expect((await callRoute(deleteRoute, `/api/freezes/${view.id}`, { id: view.id }, { method: "DELETE", token: admin })).status).toBe(200);
  });

  it("a one-off window is upcoming until it ends, then has none", async () => {
    const admin = await tokenOf("admin");
    const environment = `prod-${uid()}`;
    const future = await post(admin, {
      kind: "one_off",
      environment,
      reason: "Holidays",
      startsAt: "2099-12-20T00:00:00-05:00",
      endsAt: "2099-12-27T00:00:00-05:00",
    });
    expect(await future.json()).toMatchObject({ active: false, upcoming: [{ startsAt: "2099-12-20T05:00:00.000Z", endsAt: "2099-12-27T05:00:00.000Z" }] });
    const past = await post(admin, { kind: "one_off", environment, reason: "Old", startsAt: "2020-01-01T00:00:00Z", endsAt: "2020-01-02T00:00:00Z" });
    expect(await past.json()).toMatchObject({ active: false, upcoming: [] });
  });

  it.each([
    [{ recurrence: { startDay: 6, startTime: "22:00", endDay: 0, endTime: "06:00", timeZone: "Mars/Olympus" } }, "recurrence.timeZone"],
    [{ recurrence: { startDay: 7, startTime: "22:00", endDay: 0, endTime: "06:00", timeZone: "UTC" } }, "recurrence.startDay"],
    [{ recurrence: { startDay: 6, startTime: "24:00", endDay: 0, endTime: "06:00", timeZone: "UTC" } }, "recurrence.startTime"],
    [{ recurrence: { startDay: 6, startTime: "22:00", endDay: 6, endTime: "22:00", timeZone: "UTC" } }, "recurrence.endTime"],
  ])("a bad weekly window is a 4xx naming the field (%j)", async (bad, field) => {
    const res = await post(await tokenOf("admin"), { kind: "recurring", environment: "production", reason: "x", ...bad });
    expect([400, 422]).toContain(res.status);
    expect(JSON.stringify(await res.json())).toContain(field.split(".").at(-1));
  });

  it("a one-off window that ends before it starts is a 4xx naming endsAt; a manager may not add one", async () => {
    const body = { kind: "one_off", environment: "production", reason: "x", startsAt: "2099-01-02T00:00:00Z", endsAt: "2099-01-01T00:00:00Z" };
    const res = await post(await tokenOf("admin"), body);
    expect([400, 422]).toContain(res.status);
    expect(JSON.stringify(await res.json())).toContain("endsAt");
    expect((await post(await tokenOf("manager"), { ...body, endsAt: "2099-01-03T00:00:00Z" })).status).toBe(403);
  });
});
