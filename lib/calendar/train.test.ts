import { describe, expect, it } from "vitest";
import { describeTrain, trainDates } from "@/lib/calendar/train";
import { ZTrainSchedule, type TTrainSchedule } from "@/lib/schemas/train";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const weekly = (over: Partial<TTrainSchedule> = {}): TTrainSchedule => ({
  everyWeeks: 1,
  weekday: 2,
  time: "10:00",
  timeZone: "UTC",
  startsOn: "2030-01-01",
  ...over,
});

describe("trainDates", () => {
  it("every week on the weekday at the time, starting on the first such day on or after startsOn", () => {
    // 2030-01-01 is a Tuesday.
    expect(iso(trainDates(weekly(), new Date("2029-06-01T00:00:00Z"), 3))).toEqual([
      "2030-01-01T10:00:00.000Z",
      "2030-01-08T10:00:00.000Z",
      "2030-01-15T10:00:00.000Z",
    ]);
    expect(iso(trainDates(weekly({ weekday: 5 }), new Date("2029-06-01T00:00:00Z"), 2))).toEqual(["2030-01-04T10:00:00.000Z", "2030-01-11T10:00:00.000Z"]);
  });

  it("counts from `from`: a departure earlier that day is gone, one at exactly `from` is not", () => {
    expect(iso(trainDates(weekly(), new Date("2030-01-08T10:00:01Z"), 1))).toEqual(["2030-01-15T10:00:00.000Z"]);
    expect(iso(trainDates(weekly(), new Date("2030-01-08T10:00:00Z"), 1))).toEqual(["2030-01-08T10:00:00.000Z"]);
  });

  it("keeps the fortnightly rhythm from startsOn, far into the future", () => {
    const s = weekly({ everyWeeks: 2 });
    expect(iso(trainDates(s, new Date("2030-01-02T00:00:00Z"), 2))).toEqual(["2030-01-15T10:00:00.000Z", "2030-01-29T10:00:00.000Z"]);
    const later = trainDates(s, new Date("2033-05-01T00:00:00Z"), 4);
    for (const d of later) expect(Math.round((d.getTime() - Date.UTC(2030, 0, 1, 10)) / 86_400_000) % 14).toBe(0);
  });

  it("stays at the local wall-clock time across daylight saving time", () => {
    // Berlin: UTC+1 in winter, UTC+2 from 2030-03-31.
    const s = weekly({ timeZone: "Europe/Berlin", startsOn: "2030-03-19" });
    expect(iso(trainDates(s, new Date("2030-03-18T00:00:00Z"), 3))).toEqual([
      "2030-03-19T09:00:00.000Z",
      "2030-03-26T09:00:00.000Z",
      "2030-04-02T08:00:00.000Z",
    ]);
  });

  it("stops at `until`", () => {
    expect(trainDates(weekly(), new Date("2030-01-01T00:00:00Z"), 10, new Date("2030-01-15T10:00:00Z"))).toHaveLength(2);
  });

  it("describes itself", () => {
    expect(describeTrain(weekly({ everyWeeks: 2, timeZone: "Europe/Berlin" }))).toBe("every 2 weeks on Tuesday at 10:00 (Europe/Berlin), from 2030-01-01");
  });
});

describe("ZTrainSchedule", () => {
  it("refuses what cannot be a schedule, naming the field", () => {
    const field = (input: unknown) => ZTrainSchedule.safeParse(input).error?.issues.map((i) => i.path.join("."));
    expect(field(weekly())).toBeUndefined();
    expect(field(weekly({ everyWeeks: 0 }))).toEqual(["everyWeeks"]);
    expect(field(weekly({ weekday: 7 }))).toEqual(["weekday"]);
    expect(field(weekly({ time: "24:00" }))).toEqual(["time"]);
    expect(field(weekly({ timeZone: "Mars/Olympus" }))).toEqual(["timeZone"]);
    expect(field(weekly({ startsOn: "2030-02-30" }))).toEqual(["startsOn"]);
    expect(field({ ...weekly(), rrule: "FREQ=WEEKLY" })).toEqual([""]);
  });
});
