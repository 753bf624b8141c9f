import { describe, expect, it } from "vitest";
import { canaryProgress } from "@/lib/canary/canary-progress";
import { expandProcedureSteps, weightCommand } from "@/lib/canary/expand-canary";
import { ZCanaryStep } from "@/lib/schemas/step";

const watch = { text: "error rate", source: { type: "json", url: "http://m/metrics", path: "$.e" }, healthy: { op: "<", value: 1 }, unit: "%", intervalSec: 2 };
const config = {
  weightCommand: "kubectl set-weight --canary={{weight}} && echo {{weight}}",
  stages: [
    { weight: 5, bakeSec: 60, promotion: "auto" },
    { weight: 50, bakeSec: 120, promotion: "manual" },
    { weight: 100, bakeSec: 0 },
  ],
  watch,
};

describe("expanding a canary into run steps", () => {
  it("gives each stage a weight command, a watch for the bake and a gate for a manual promotion, with stage marks", () => {
    const steps = expandProcedureSteps([
      { kind: "command", text: "ship", config: { command: "deploy" } },
      { kind: "canary", text: "Canary", config },
      { kind: "http", text: "check", config: {} },
    ]);
    expect(steps.map((s) => [s.position, s.kind, s.stage, s.weight])).toEqual([
      [0, "command", null, null],
      [1, "command", 1, 5],
      [2, "watch", 1, 5],
      [3, "command", 2, 50],
      [4, "watch", 2, 50],
      [5, "gate", 2, 50],
      [6, "command", 3, 100],
      [7, "watch", 3, 100],
      [8, "http", null, null],
    ]);
    expect(steps[1].config).toEqual({ command: "kubectl set-weight --canary=5 && echo 5" });
    expect(steps[4].config).toMatchObject({ durationSec: 120, intervalSec: 2, healthy: { op: "<", value: 1 }, source: watch.source });
    expect(steps[4].config).not.toHaveProperty("text");
    expect(steps[5].text).toBe("Canary 2/3 (50 %): promote to 100 %?");
  });

  it("bakes with a wait when there is no watch, and not at all for a bake of 0", () => {
    const steps = expandProcedureSteps([
      {
        kind: "canary",
        text: "C",
        config: {
          weightCommand: "w {{weight}}",
          stages: [
            { weight: 10, bakeSec: 30 },
            { weight: 100, bakeSec: 0, promotion: "manual" },
          ],
        },
      },
    ]);
    expect(steps.map((s) => [s.kind, s.stage])).toEqual([
      ["command", 1],
      ["wait", 1],
      ["command", 2],
      ["gate", 2],
    ]);
    expect(steps[1].config).toEqual({ seconds: 30 });
    expect(steps[3].text).toBe("Canary 2/2 (100 %): confirm the rollout at 100 %");
  });

  it("substitutes only a validated integer weight", () => {
    expect(weightCommand("set {{weight}} {{weight}}", 25)).toBe("set 25 25");
    expect(() => weightCommand("set {{weight}}", 25.5)).toThrow();
    expect(() => weightCommand("set {{weight}}", 0)).toThrow();
    expect(() =>
      expandProcedureSteps([{ kind: "canary", text: "C", config: { weightCommand: "w {{weight}}", stages: [{ weight: "5;rm -rf /", bakeSec: 1 }] } }]),
    ).toThrow();
  });
});

describe("the canary schema", () => {
  const parse = (c: Record<string, unknown>) => ZCanaryStep.safeParse({ kind: "canary", text: "C", weightCommand: "w {{weight}}", ...c });
  it.each([
    [{ stages: [] }, ["stages"]],
    [
      {
        stages: [
          { weight: 5, bakeSec: 1 },
          { weight: 5, bakeSec: 1 },
        ],
      },
      ["stages", 1, "weight"],
    ],
    [
      {
        stages: [
          { weight: 50, bakeSec: 1 },
          { weight: 25, bakeSec: 1 },
        ],
      },
      ["stages", 1, "weight"],
    ],
    [{ stages: [{ weight: 101, bakeSec: 1 }] }, ["stages", 0, "weight"]],
    [{ stages: [{ weight: 0, bakeSec: 1 }] }, ["stages", 0, "weight"]],
    [{ stages: [{ weight: 2.5, bakeSec: 1 }] }, ["stages", 0, "weight"]],
    [{ stages: [{ weight: 5, bakeSec: -1 }] }, ["stages", 0, "bakeSec"]],
    [{ stages: [{ weight: 5, bakeSec: 1, promotion: "later" }] }, ["stages", 0, "promotion"]],
    [{ stages: [{ weight: 5, bakeSec: 1 }], weightCommand: "w 5" }, ["weightCommand"]],
  ])("refuses %j at %j", (c, path) => {
    const r = parse(c);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(path);
  });

  it("accepts a single stage at 100 and defaults promotion to auto", () => {
    const r = parse({ stages: [{ weight: 100, bakeSec: 0 }] });
    expect(r.success && r.data.stages[0].promotion).toBe("auto");
  });
});

describe("canary progress", () => {
  const step = (stage: number, weight: number, kind: string, status: string) => ({ stage, weight, kind, status });
  it("derives each stage's state and the current weight from the steps", () => {
    expect(canaryProgress([{ stage: null, weight: null, kind: "command", status: "succeeded" }])).toBeNull();
    const p = canaryProgress([
      step(1, 10, "command", "succeeded"),
      step(1, 10, "watch", "succeeded"),
      step(2, 50, "command", "succeeded"),
      step(2, 50, "watch", "running"),
      step(3, 100, "command", "pending"),
      step(3, 100, "gate", "pending"),
    ]);
    expect(p).toEqual({
      currentWeight: 50,
      stages: [
        { stage: 1, weight: 10, state: "promoted" },
        { stage: 2, weight: 50, state: "baking" },
        { stage: 3, weight: 100, state: "pending" },
      ],
    });
    expect(canaryProgress([step(1, 10, "command", "succeeded"), step(1, 10, "watch", "succeeded"), step(1, 10, "gate", "waiting")])?.stages[0].state).toBe(
      "waiting",
    );
    expect(canaryProgress([step(1, 10, "command", "succeeded"), step(1, 10, "watch", "failed")])?.stages[0].state).toBe("failed");
    expect(canaryProgress([step(1, 10, "command", "running")])).toEqual({ currentWeight: 0, stages: [{ stage: 1, weight: 10, state: "baking" }] });
  });
});
