import { describe, expect, it } from "vitest";
import { formatDuration } from "@/lib/client/format";

describe("formatDuration", () => {
  const at = (ms: number) => new Date(Date.UTC(2026, 11, 4, 10, 0, 0) + ms).toISOString();
  it("is never negative, whatever the clocks say", () => {
    expect(formatDuration(at(468), null, Date.parse(at(0)))).toBe("0 ms");
    expect(formatDuration(at(500), at(0))).toBe("0 ms");
  });
  it("reads in the unit a person uses", () => {
    expect(formatDuration(at(0), at(250))).toBe("250 ms");
    expect(formatDuration(at(0), at(12_340))).toBe("12.3 s");
    expect(formatDuration(at(0), at(125_000))).toBe("2 min 05 s");
    expect(formatDuration(at(0), at(3_723_000))).toBe("1 h 02 min");
  });
});
