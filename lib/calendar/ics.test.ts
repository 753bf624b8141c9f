import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { foldLine, icsCalendar } from "@/lib/calendar/ics";

describe("the ICS writer", () => {
  it("writes a calendar an independent parser reads back: escaped text, folded UTF-8 lines, UTC times", () => {
    const summary = "T-0: Bücher, Kasse; Zahlung — " + "ü".repeat(80);
    const text = icsCalendar("Releases", [
      {
        uid: "a@countdown",
        start: new Date("2030-01-15T10:00:00Z"),
        end: new Date("2030-01-15T10:30:00Z"),
        summary,
        description: "line one\nline two, with; marks \\ done",
        url: "https://x.test/r/1",
      },
    ]);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(text.endsWith("\r\n")).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    const [vevent] = cal.getAllSubcomponents("vevent");
    const event = new ICAL.Event(vevent);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe("line one\nline two, with; marks \\ done");
    expect(event.startDate.toJSDate().toISOString()).toBe("2030-01-15T10:00:00.000Z");
    expect(event.endDate.toJSDate().toISOString()).toBe("2030-01-15T10:30:00.000Z");
    expect(event.uid).toBe("a@countdown");
  });

  it("never splits a multi-byte character when folding", () => {
    const folded = foldLine("X".repeat(74) + "€€");
    expect(folded.split("\r\n ")).toEqual(["X".repeat(74), "€€"]);
  });
});
