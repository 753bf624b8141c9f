import { describe, expect, it } from "vitest";
import { diffPlans, planLines } from "@/lib/plan/plan-diff";
import { planDigest, type PlanSnapshot } from "@/lib/plan/plan-digest";

const plan = (deploy: string, extra: PlanSnapshot["procedures"] = []): PlanSnapshot => ({
  procedures: [
    {
      name: "Deploy",
      kind: "deploy",
      steps: [
        { kind: "command", text: "build", config: { command: "make" } },
        { kind: "command", text: "deploy", config: { command: deploy } },
      ],
    },
    { name: "Rollback", kind: "rollback", steps: [{ kind: "command", text: "back", config: { command: "undo" } }] },
    ...extra,
  ],
});

describe("plan digest", () => {
  it("is the same for the same plan whatever the key order, and differs when a command changes", () => {
    const a = plan("echo v1");
    const shuffled: PlanSnapshot = {
      procedures: a.procedures.map((p) => ({ steps: p.steps.map((s) => ({ config: s.config, text: s.text, kind: s.kind })), kind: p.kind, name: p.name })),
    };
    expect(planDigest(shuffled)).toBe(planDigest(a));
    expect(planDigest(plan("echo v2"))).not.toBe(planDigest(a));
    expect(planDigest(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("plan diff", () => {
  it("shows a changed command as one removed and one added line under its procedure", () => {
    expect(diffPlans(plan("echo v1"), plan("echo v2"))).toEqual([
      { op: "same", text: "Deploy (deploy)" },
      { op: "removed", text: '  2. command "deploy": $ echo v1' },
      { op: "added", text: '  2. command "deploy": $ echo v2' },
    ]);
  });

  it("shows an added procedure and nothing for an identical plan", () => {
    expect(diffPlans(plan("x"), plan("x"))).toEqual([]);
    const more = plan("x", [{ name: "Smoke", kind: "smoke", steps: [{ kind: "wait", text: "settle", config: { seconds: 5 } }] }]);
    expect(diffPlans(plan("x"), more)).toEqual([
      { op: "added", text: "Smoke (smoke)" },
      { op: "added", text: '  1. wait "settle" {"seconds":5}' },
    ]);
    expect(planLines(more)).toHaveLength(7);
  });
});
