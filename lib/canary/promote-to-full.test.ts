import { describe, expect, it } from "vitest";
import { promotionSkips, type CanaryRunStep } from "@/lib/canary/promote-to-full";

// A deploy: a command, then a canary 10 -> 50 -> 100 (set weight, bake, and a gate after stage 2), then a check.
function steps(statuses: string[]): CanaryRunStep[] {
  const shape: [string, number | null, number | null][] = [
    ["command", null, null],
    ["command", 1, 10],
    ["watch", 1, 10],
    ["command", 2, 50],
    ["watch", 2, 50],
    ["gate", 2, 50],
    ["command", 3, 100],
    ["watch", 3, 100],
    ["http", null, null],
  ];
  return shape.map(([kind, stage, weight], i) => ({ id: `s${i}`, position: i, kind, stage, weight, status: statuses[i] ?? "pending", text: `step ${i}` }));
}

describe("promotionSkips", () => {
  it("at stage 2's gate: skips the gate only, the last stage runs", () => {
    const plan = promotionSkips(steps(["succeeded", "succeeded", "succeeded", "succeeded", "succeeded", "waiting"]), 5);
    expect(plan.skip.map((s) => s.id)).toEqual(["s5"]);
    expect(plan).toMatchObject({ fromWeight: 50, toWeight: 100 });
  });

  it("during stage 1's bake: skips that bake and all of stage 2, never the steps after the canary", () => {
    const plan = promotionSkips(steps(["succeeded", "succeeded", "running"]), 2);
    expect(plan.skip.map((s) => s.id)).toEqual(["s2", "s3", "s4", "s5"]);
    expect(plan).toMatchObject({ fromWeight: 10, toWeight: 100 });
  });

  it("in the last stage: nothing to skip", () => {
    const plan = promotionSkips(steps(["succeeded", "succeeded", "succeeded", "succeeded", "succeeded", "succeeded", "succeeded", "running"]), 7);
    expect(plan.skip).toEqual([]);
  });

  it("a step outside a canary: nothing to skip", () => {
    expect(promotionSkips(steps(["running"]), 0).skip).toEqual([]);
  });

  it("with two canaries in a row, only the current one's stages", () => {
    const two = [...steps([]).slice(1, 8), ...steps([]).slice(1, 8)].map((s, i) => ({ ...s, id: `t${i}`, position: i }));
    two[1].status = "running";
    const plan = promotionSkips(two, 1);
    expect(plan.skip.map((s) => s.id)).toEqual(["t1", "t2", "t3", "t4"]);
  });
});
