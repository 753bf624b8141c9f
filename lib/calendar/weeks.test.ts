import { describe, expect, it } from "vitest";
import { dateKeyIn, groupByZonedWeek } from "@/lib/calendar/weeks";

const at = (iso: string) => new Date(iso);

describe("calendar weeks in the viewer's time zone", () => {
  it("puts a 21:00 New York T-0 on its New York day, not the next UTC day", () => {
    const t0 = at("2026-12-05T02:00:00Z"); // Friday Dec 4, 21:00 EST
    expect(dateKeyIn(t0, "America/New_York")).toBe("2026-12-04");
    expect(dateKeyIn(t0, "UTC")).toBe("2026-12-05");
    const weeks = groupByZonedWeek([t0], (d) => d, at("2026-11-23T00:00:00Z"), at("2026-12-07T00:00:00Z"), "America/New_York");
    // Nov 23 00:00 UTC is still Sunday Nov 22 in New York: the weeks start on Monday Nov 16.
    expect(weeks.map((w) => w.start)).toEqual(["2026-11-16", "2026-11-23", "2026-11-30"]);
    const friday = weeks[2].days[4];
    expect(friday).toEqual({ date: "2026-12-04", items: [t0] });
    expect(weeks.flatMap((w) => w.days).filter((d) => d.items.length)).toHaveLength(1);
  });

  it("in UTC the same moment is on Saturday", () => {
    const t0 = at("2026-12-05T02:00:00Z");
    const weeks = groupByZonedWeek([t0], (d) => d, at("2026-11-23T00:00:00Z"), at("2026-12-07T00:00:00Z"), "UTC");
    expect(weeks.map((w) => w.start)).toEqual(["2026-11-23", "2026-11-30"]);
    expect(weeks[1].days[5]).toEqual({ date: "2026-12-05", items: [t0] });
  });
});
