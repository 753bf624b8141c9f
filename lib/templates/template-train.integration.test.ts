import ICAL from "ical.js";
import { callRoute, ROUTE_BASE as BASE } from "@/test/call-route";
import { describe, expect, it } from "vitest";
import { GET as feed } from "@/app/api/calendar.ics/route";
import { PUT as putNotes } from "@/app/api/templates/[id]/notes/route";
import { GET as getTemplateRoute } from "@/app/api/templates/[id]/route";
import { PUT as putSchedule } from "@/app/api/templates/[id]/schedule/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { releaseCalendar } from "@/lib/calendar/release-calendar";
import { rotateCalendarToken } from "@/lib/calendar/calendar-token";
import { getNotes } from "@/lib/notes/get-notes";
import { createRelease } from "@/lib/releases/create-release";
import { createCaller, createTemplateFixture, uid } from "@/test/factories";

const issuePaths = async (res: Response) =>
  ((await res.json()) as { error: { details?: { issues: { path: string }[] } } }).error.details?.issues.map((i) => i.path);

describe("release trains", () => {
  it("a manager sets a schedule; the template, the calendar and the ICS feed show the next departures; clearing it removes them", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const viewer = await createCaller("viewer");
    const template = await createTemplateFixture();
    const path = `/api/templates/${template.id}/schedule`;
    const params = { id: template.id };
    // A Thursday train at 09:30 UTC from today on.
    const schedule = { everyWeeks: 1, weekday: 4, time: "09:30", timeZone: "UTC", startsOn: new Date().toISOString().slice(0, 10) };

    expect(
      (await callRoute(putSchedule, path, params, { method: "PUT", token: await createApiToken(viewer.id, "t"), body: { schedule, version: 1 } })).status,
    ).toBe(403);
    const bad = await callRoute(putSchedule, path, params, { method: "PUT", token, body: { schedule: { ...schedule, timeZone: "Nowhere/Else" }, version: 1 } });
    expect(bad.status).toBe(400);
    expect(await issuePaths(bad)).toEqual(["schedule.timeZone"]);

    const saved = await callRoute(putSchedule, path, params, { method: "PUT", token, body: { schedule, version: 1 } });
    expect(saved.status).toBe(200);
    const body = (await saved.json()) as { nextTrains: string[]; version: number };
    expect(body.version).toBe(2);
    expect(body.nextTrains).toHaveLength(5);
    for (const at of body.nextTrains) {
      expect(new Date(at).getUTCDay()).toBe(4);
      expect(at.slice(11, 16)).toBe("09:30");
      expect(new Date(at).getTime()).toBeGreaterThanOrEqual(Date.now() - 1_000);
    }
    expect((await callRoute(putSchedule, path, params, { method: "PUT", token, body: { schedule, version: 1 } })).status).toBe(409);

    const shown = (await (await callRoute(getTemplateRoute, `/api/templates/${template.id}`, params, { token })).json()) as {
      schedule: unknown;
      nextTrains: string[];
    };
    expect(shown.schedule).toEqual(schedule);
    expect(shown.nextTrains).toEqual(body.nextTrains);

    const from = new Date();
    const calendar = await releaseCalendar(from, new Date(from.getTime() + 22 * 86_400_000));
    const mine = calendar.trains.filter((t) => t.templateId === template.id);
    expect(mine.map((t) => t.at)).toEqual(body.nextTrains.slice(0, mine.length));
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(mine[0].templateName).toBe(template.name);

    const { token: feedToken } = await rotateCalendarToken(viewer, BASE);
    const cal = new ICAL.Component(ICAL.parse(await (await callRoute(feed, `/api/calendar.ics?token=${feedToken}`, {})).text()));
    const trainEvents = cal
      .getAllSubcomponents("vevent")
      .map((v) => new ICAL.Event(v))
      .filter((e) => e.uid.startsWith(`train-${template.id}-`));
    expect(trainEvents.length).toBeGreaterThanOrEqual(50);
    expect(trainEvents[0].summary).toBe(`Release train: ${template.name}`);

    expect((await callRoute(putSchedule, path, params, { method: "PUT", token, body: { schedule: null, version: 2 } })).status).toBe(200);
    const after = await releaseCalendar(from, new Date(from.getTime() + 22 * 86_400_000));
    expect(after.trains.filter((t) => t.templateId === template.id)).toEqual([]);
  });
});

describe("template default release notes", () => {
  it("a manager edits them; new releases start from them; others get 403, unknown sections 400", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const template = await createTemplateFixture();
    const params = { id: template.id };
    const path = `/api/templates/${template.id}/notes`;
    const approver = await createCaller("approver");
    expect(
      (
        await callRoute(putNotes, path, params, {
          method: "PUT",
          token: await createApiToken(approver.id, "t"),
          body: { sections: { rollback: "x" }, version: 1 },
        })
      ).status,
    ).toBe(403);
    const bad = await callRoute(putNotes, path, params, { method: "PUT", token, body: { sections: { rollbak: "typo" }, version: 1 } });
    expect(bad.status).toBe(400);
    expect(await issuePaths(bad)).toEqual(["sections"]);

    const saved = await callRoute(putNotes, path, params, {
      method: "PUT",
      token,
      body: { sections: { rollback: "Redeploy the previous tag.", knownIssues: "- Search is slow" }, version: 1 },
    });
    expect(saved.status).toBe(200);
    const shown = (await (await callRoute(getTemplateRoute, `/api/templates/${template.id}`, params, { token })).json()) as {
      notes: Record<string, string>;
      version: number;
    };
    expect(shown.notes).toMatchObject({ rollback: "Redeploy the previous tag.", knownIssues: "- Search is slow", features: "" });
    expect(shown.version).toBe(2);

    const release = await createRelease(
      {
        templateId: template.id,
        name: `Notes ${uid()}`,
        version: "1.0.0",
        type: "regular",
        environment: `env-${uid()}`,
        scheduledAt: new Date("2031-01-01T00:00:00Z"),
      },
      manager,
    );
    expect((await getNotes(release.id)).sections).toMatchObject({ rollback: "Redeploy the previous tag.", knownIssues: "- Search is slow" });
  });
});
