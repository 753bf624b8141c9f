import { describe, expect, it } from "vitest";
import { assertPlanApproved, isForPlan, staleGoBlocker } from "@/lib/decisions/plan-approval";

const go = (name: string) => ({ planDigest: "old", user: { name } });

describe("plan approval", () => {
  it("says in words whose gos were given to an earlier plan", () => {
    expect(staleGoBlocker([go("Ari")])).toBe("1 go was given to an earlier plan: ask Ari to look again.");
    expect(staleGoBlocker([go("Ari"), go("Bo")])).toBe("2 gos were given to an earlier plan: ask Ari and Bo to look again.");
    expect(staleGoBlocker([go("Ari"), go("Bo"), go("Cy")])).toBe("3 gos were given to an earlier plan: ask Ari, Bo and Cy to look again.");
  });

  it("counts a vote for the plan it was given to, and a vote from before plans were bound for the current one", () => {
    expect(isForPlan({ planDigest: "a" }, "a")).toBe(true);
    expect(isForPlan({ planDigest: "a" }, "b")).toBe(false);
    expect(isForPlan({ planDigest: null }, "b")).toBe(true);
  });

  it("answers STALE_PLAN only when stale gos are why the plan lacks the quorum", () => {
    const readiness = (approved: boolean, staleGoes: unknown[]) => ({ ready: false, blockers: ["x"], plan: { digest: "new", approved, staleGoes } });
    expect(() => assertPlanApproved(readiness(false, [go("Ari")]))).toThrow(expect.objectContaining({ code: "STALE_PLAN", status: 409 }));
    expect(() => assertPlanApproved(readiness(false, []))).not.toThrow();
    expect(() => assertPlanApproved(readiness(true, [go("Ari")]))).not.toThrow();
  });
});
