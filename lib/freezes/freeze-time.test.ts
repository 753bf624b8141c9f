import { describe, expect, it } from "vitest";
import { freezeOccurrenceAt, nextOccurrences, nextRecurringOccurrences, recurringOccurrenceAt, wallClockToInstant } from "@/lib/freezes/freeze-time";

const weekend = { startDay: 5, startTime: "16:00", endDay: 1, endTime: "08:00", timeZone: "Europe/Berlin" };
const at = (iso: string) => new Date(iso);

describe("a weekly freeze window in a time zone", () => {
  it("starts at 16:00 Berlin time on Friday (14:00 UTC in summer)", () => {
    expect(recurringOccurrenceAt(weekend, at("2030-06-07T13:59:00Z"))).toBeNull();
    expect(recurringOccurrenceAt(weekend, at("2030-06-07T14:00:00Z"))).toEqual({ startsAt: at("2030-06-07T14:00:00Z"), endsAt: at("2030-06-10T06:00:00Z") });
    expect(recurringOccurrenceAt(weekend, at("2030-06-10T05:59:59Z"))).not.toBeNull();
    expect(recurringOccurrenceAt(weekend, at("2030-06-10T06:00:00Z"))).toBeNull();
    expect(recurringOccurrenceAt(weekend, at("2030-06-12T12:00:00Z"))).toBeNull();
  });

  it("follows the clocks going back inside the window (last Sunday of October)", () => {
    // Friday 16:00 is still summer time (UTC+2); Monday 08:00 is winter time (UTC+1).
    const weekendAcrossDst = { startsAt: at("2030-10-25T14:00:00Z"), endsAt: at("2030-10-28T07:00:00Z") };
    expect(recurringOccurrenceAt(weekend, at("2030-10-25T14:00:00Z"))).toEqual(weekendAcrossDst);
    expect(recurringOccurrenceAt(weekend, at("2030-10-27T01:30:00Z"))).toEqual(weekendAcrossDst);
    // 06:30 UTC is 07:30 in Berlin after the change: still frozen (a fixed +2 offset would say 08:30, open).
    expect(recurringOccurrenceAt(weekend, at("2030-10-28T06:30:00Z"))).toEqual(weekendAcrossDst);
    expect(recurringOccurrenceAt(weekend, at("2030-10-28T07:00:00Z"))).toBeNull();
  });

  it("follows the clocks going forward in New York", () => {
    const nightly = { startDay: 6, startTime: "22:00", endDay: 0, endTime: "06:00", timeZone: "America/New_York" };
    // Saturday 2030-03-09 22:00 EST = 03:00Z; Sunday 06:00 EDT = 10:00Z (only 7 real hours).
    expect(recurringOccurrenceAt(nightly, at("2030-03-10T09:59:00Z"))).toEqual({ startsAt: at("2030-03-10T03:00:00Z"), endsAt: at("2030-03-10T10:00:00Z") });
    expect(recurringOccurrenceAt(nightly, at("2030-03-10T10:00:00Z"))).toBeNull();
  });

  it("handles a window inside one day and one that wraps the end of the week", () => {
    const lunch = { startDay: 3, startTime: "12:00", endDay: 3, endTime: "13:00", timeZone: "UTC" };
    expect(recurringOccurrenceAt(lunch, at("2030-06-05T12:30:00Z"))).toEqual({ startsAt: at("2030-06-05T12:00:00Z"), endsAt: at("2030-06-05T13:00:00Z") });
    expect(recurringOccurrenceAt(lunch, at("2030-06-06T12:30:00Z"))).toBeNull();
    const satToTue = { startDay: 6, startTime: "00:00", endDay: 2, endTime: "00:00", timeZone: "Asia/Tokyo" };
    // Monday 2030-06-10 10:00 Tokyo = 01:00Z
    expect(recurringOccurrenceAt(satToTue, at("2030-06-10T01:00:00Z"))).toEqual({ startsAt: at("2030-06-07T15:00:00Z"), endsAt: at("2030-06-10T15:00:00Z") });
  });

  it("maps a wall-clock time in a skipped hour to just after the gap", () => {
    expect(wallClockToInstant(Date.UTC(2030, 2, 31, 2, 30), "Europe/Berlin")).toEqual(at("2030-03-31T01:30:00Z"));
  });
});

describe("a one-off freeze window", () => {
  it("is in force from its start (inclusive) to its end (exclusive)", () => {
    const w = { kind: "one_off" as const, startsAt: at("2030-12-20T00:00:00Z"), endsAt: at("2031-01-02T00:00:00Z") };
    expect(freezeOccurrenceAt(w, at("2030-12-19T23:59:59Z"))).toBeNull();
    expect(freezeOccurrenceAt(w, at("2030-12-20T00:00:00Z"))).toEqual({ startsAt: w.startsAt, endsAt: w.endsAt });
    expect(freezeOccurrenceAt(w, at("2031-01-02T00:00:00Z"))).toBeNull();
  });
});

describe("the next occurrences of a freeze window", () => {
  const nightly = { startDay: 6, startTime: "22:00", endDay: 0, endTime: "06:00", timeZone: "America/New_York" };

  it("lists the weekly window at the same New York wall-clock time across the spring DST change", () => {
    // Wednesday 2030-03-06: Saturday 22:00 New York is EST (UTC-5) on the night of the change, EDT (UTC-4) after.
    expect(nextRecurringOccurrences(nightly, at("2030-03-06T12:00:00Z"), 3)).toEqual([
      { startsAt: at("2030-03-10T03:00:00Z"), endsAt: at("2030-03-10T10:00:00Z") },
      { startsAt: at("2030-03-17T02:00:00Z"), endsAt: at("2030-03-17T10:00:00Z") },
      { startsAt: at("2030-03-24T02:00:00Z"), endsAt: at("2030-03-24T10:00:00Z") },
    ]);
  });

  it("starts with the occurrence in force", () => {
    const [first, second] = nextRecurringOccurrences(nightly, at("2030-06-09T04:00:00Z"), 2);
    expect(first).toEqual({ startsAt: at("2030-06-09T02:00:00Z"), endsAt: at("2030-06-09T10:00:00Z") });
    expect(second).toEqual({ startsAt: at("2030-06-16T02:00:00Z"), endsAt: at("2030-06-16T10:00:00Z") });
    expect(recurringOccurrenceAt(nightly, at("2030-06-09T04:00:00Z"))).toEqual(first);
  });

  it("a one-off window is upcoming until it ends", () => {
    const w = { kind: "one_off" as const, startsAt: at("2030-12-20T00:00:00Z"), endsAt: at("2031-01-02T00:00:00Z") };
    expect(nextOccurrences(w, at("2030-12-01T00:00:00Z"), 3)).toEqual([{ startsAt: w.startsAt, endsAt: w.endsAt }]);
    expect(nextOccurrences(w, at("2031-01-02T00:00:00Z"), 3)).toEqual([]);
  });
});
