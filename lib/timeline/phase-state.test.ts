import { describe, expect, it } from "vitest";
import { phaseStates } from "@/lib/timeline/phase-state";

const at = (iso: string) => new Date(iso).getTime();
const p = (dueAt: string | null, checked: number, total: number) => ({ dueAt, progress: { checked, total } });

describe("phase states", () => {
  it("marks done, overdue, the next phase active and the rest upcoming", () => {
    const phases = [p("2030-01-01T00:00:00Z", 2, 2), p("2030-01-02T00:00:00Z", 1, 2), p("2030-01-04T00:00:00Z", 0, 1), p("2030-01-05T00:00:00Z", 0, 1)];
    expect(phaseStates(phases, at("2030-01-03T00:00:00Z"))).toEqual(["done", "overdue", "active", "upcoming"]);
  });

  it("treats a phase without items as done once due, and an undated phase as active once started", () => {
    expect(phaseStates([p("2030-01-01T00:00:00Z", 0, 0), p(null, 1, 3), p(null, 0, 3), p(null, 3, 3)], at("2030-01-02T00:00:00Z"))).toEqual([
      "done",
      "active",
      "upcoming",
      "done",
    ]);
  });
});
