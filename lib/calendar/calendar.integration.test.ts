import ICAL from "ical.js";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as feed } from "@/app/api/calendar.ics/route";
import { GET as getRelease } from "@/app/api/releases/[id]/route";
import { rotateCalendarToken } from "@/lib/calendar/calendar-token";
import { utcWords } from "@/lib/calendar/calendar-ics";
import { createCaller, createReleaseFixture } from "@/test/factories";

const BASE = "http://countdown.test";
const get = (handler: typeof feed, path: string, headers: Record<string, string> = {}, params: Record<string, string> = {}) =>
  handler(new NextRequest(`${BASE}${path}`, { headers }), { params: Promise.resolve(params) });

describe("the calendar feed", () => {
  it("serves T-0 and go/no-go events for a personal token, parsed back by ical.js; a rotated or unknown token gets 401", async () => {
    const manager = await createCaller("manager");
    const scheduledAt = new Date(Date.now() + 10 * 86_400_000);
    scheduledAt.setUTCMilliseconds(0);
    const release = await createReleaseFixture(manager, scheduledAt);
    const viewer = await createCaller("viewer");
    const first = await rotateCalendarToken(viewer, BASE);
    expect(first.url).toBe(`${BASE}/api/calendar.ics?token=${first.token}`);

    const res = await get(feed, `/api/calendar.ics?token=${first.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/calendar");
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const t0 = events.find((e) => e.uid === `t0-${release.id}@countdown`)!;
    expect(t0.summary).toBe(`T-0: ${release.name} 1.0.0 (${release.environment})`);
    expect(t0.startDate.toJSDate().toISOString()).toBe(scheduledAt.toISOString());
    expect(t0.description).toContain(`${BASE}/releases/${release.id}/timeline`);
    // Words in a description name their zone (the event's own times are in UTC and shown by the reader's app).
    expect(t0.description).toContain(`T-0 ${utcWords(scheduledAt)}:`);
    expect(utcWords(new Date("2026-12-05T16:48:00Z"))).toBe("Sat, Dec 5, 2026, 16:48 UTC");
    // The small template's only phase before T-0 is "Week before" (T-7 days): the go/no-go.
    const goNoGo = events.find((e) => e.uid === `gonogo-${release.id}@countdown`)!;
    expect(goNoGo.summary).toBe(`Go/no-go: ${release.name} 1.0.0`);
    expect(goNoGo.description).toMatch(/^Week before, \w{3}, \w{3} \d{1,2}, \d{4}, \d{2}:\d{2} UTC\./);
    expect(goNoGo.startDate.toJSDate().getTime()).toBe(scheduledAt.getTime() - 7 * 86_400_000);

    const second = await rotateCalendarToken(viewer, BASE);
    expect((await get(feed, `/api/calendar.ics?token=${first.token}`)).status).toBe(401);
    expect((await get(feed, `/api/calendar.ics?token=${second.token}`)).status).toBe(200);
    expect((await get(feed, `/api/calendar.ics`)).status).toBe(401);
    // The calendar token is no API credential.
    expect((await get(getRelease as typeof feed, `/api/releases/${release.id}`, { authorization: `Bearer ${second.token}` }, { id: release.id })).status).toBe(
      401,
    );
  });
});
