import { describe, expect, it } from "vitest";
import { decide } from "@/lib/decisions/decide";
import { assertDeployAllowed } from "@/lib/decisions/deploy-gate";
import { getReadiness } from "@/lib/decisions/readiness";
import { eventsOf, gateRelease, tickGatingItems } from "@/test/decision-fixtures";
import { createFreeze } from "@/lib/freezes/create-freeze";
import { deleteFreeze } from "@/lib/freezes/delete-freeze";
import { listFreezes } from "@/lib/freezes/list-freezes";
import { createCaller, uid } from "@/test/factories";

async function readyHotfix(environment: string) {
  const { release, manager } = await gateRelease({ type: "hotfix", environment });
  await tickGatingItems(release, manager);
  await decide(release.id, { decision: "go" }, await createCaller("approver", ["on-call"]));
  expect((await getReadiness(release.id)).ready).toBe(true);
  return { release, manager };
}

/** Today's weekday in a time zone (0 = Sunday). */
function weekdayIn(timeZone: string, at = new Date()): number {
  return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short" }).format(at));
}

describe("freeze windows", () => {
  it("a one-off freeze in force blocks the deploy and is recorded on the environment's open releases", async () => {
    const environment = `prod-${uid()}`;
    const { release, manager } = await readyHotfix(environment);
    const { release: elsewhere } = await gateRelease();
    const admin = await createCaller("admin");
    const freeze = await createFreeze(
      { kind: "one_off", environment, reason: "Black Friday", startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date("2099-01-01T00:00:00Z") },
      admin,
    );
    expect(freeze).toMatchObject({ active: true, current: { endsAt: "2099-01-01T00:00:00.000Z" } });

    const readiness = await getReadiness(release.id);
    expect(readiness.ready).toBe(false);
    expect(readiness.freeze).toMatchObject({ active: true, window: { id: freeze.id, reason: "Black Friday" } });
    expect(readiness.blockers).toEqual([`${environment} is frozen until 2099-01-01 00:00 UTC: Black Friday.`]);
    // The same blocker as data, for the page to say in its viewer's zone.
    expect(readiness.blockerDetails).toEqual([{ kind: "freeze", environment, until: "2099-01-01T00:00:00.000Z", reason: "Black Friday" }]);
    await expect(assertDeployAllowed(release.id, manager)).rejects.toMatchObject({ code: "NOT_READY", details: { blockers: readiness.blockers } });

    expect((await eventsOf(release.id)).find((e) => e.type === "freeze.created")).toMatchObject({
      actorId: admin.id,
      payload: { freezeId: freeze.id, reason: "Black Friday" },
    });
    expect((await eventsOf(elsewhere.id)).some((e) => e.type === "freeze.created")).toBe(false);

    await deleteFreeze(freeze.id, admin);
    expect((await getReadiness(release.id)).ready).toBe(true);
    expect((await eventsOf(release.id)).at(-1)).toMatchObject({ type: "freeze.deleted", payload: { freezeId: freeze.id } });
    await expect(deleteFreeze(freeze.id, admin)).rejects.toMatchObject({ status: 404 });
  });

  it("a one-off freeze in the past or the future does not block", async () => {
    const environment = `prod-${uid()}`;
    const { release } = await readyHotfix(environment);
    const admin = await createCaller("admin");
    await createFreeze(
      { kind: "one_off", environment, reason: "last year", startsAt: new Date("2020-01-01T00:00:00Z"), endsAt: new Date("2020-01-02T00:00:00Z") },
      admin,
    );
    await createFreeze(
      { kind: "one_off", environment, reason: "next year", startsAt: new Date("2099-01-01T00:00:00Z"), endsAt: new Date("2099-01-02T00:00:00Z") },
      admin,
    );
    expect((await getReadiness(release.id)).ready).toBe(true);
    const { freezes } = await listFreezes({ environment });
    expect(freezes.map((f) => [f.reason, f.active])).toEqual([
      ["last year", false],
      ["next year", false],
    ]);
  });

  it("a weekly freeze in a time zone blocks while in force and not on other days", async () => {
    const environment = `prod-${uid()}`;
    const { release } = await readyHotfix(environment);
    const admin = await createCaller("admin");
    const timeZone = "America/New_York";
    const today = weekdayIn(timeZone);
    await createFreeze(
      {
        kind: "recurring",
        environment,
        reason: "not on the day after tomorrow",
        recurrence: { startDay: (today + 2) % 7, startTime: "00:00", endDay: (today + 3) % 7, endTime: "00:00", timeZone },
      },
      admin,
    );
    expect((await getReadiness(release.id)).ready).toBe(true);

    const weekly = await createFreeze(
      {
        kind: "recurring",
        environment,
        reason: "Quiet day",
        recurrence: { startDay: today, startTime: "00:00", endDay: (today + 1) % 7, endTime: "00:00", timeZone },
      },
      admin,
    );
    expect(weekly.description).toMatch(/^every \w+day 00:00 to \w+day 00:00 \(America\/New_York\)$/);
    const readiness = await getReadiness(release.id);
    expect(readiness.freeze).toMatchObject({ active: true, window: { id: weekly.id, kind: "recurring" } });
    expect(readiness.blockers).toEqual([expect.stringMatching(new RegExp(`^${environment} is frozen until .* UTC: Quiet day\\.$`))]);
    // The window ends at midnight New York time: 04:00 or 05:00 UTC depending on daylight saving time.
    expect(readiness.freeze.window!.current!.endsAt).toMatch(/T0[45]:00:00\.000Z$/);
  });
});
