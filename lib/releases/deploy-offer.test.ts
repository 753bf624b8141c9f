import { describe, expect, it } from "vitest";
import { deployOffer, nextSteps } from "@/lib/releases/deploy-offer";

const deploy = (status: string, id = "d1") => ({ id, kind: "deploy" as const, status });

describe("deployOffer", () => {
  it("offers Deploy before any deploy", () => {
    expect(deployOffer("scheduled", [])).toEqual({ kind: "deploy" });
    expect(deployOffer("ready", [{ id: "s", kind: "smoke", status: "succeeded" }])).toEqual({ kind: "deploy" });
  });
  it("offers nothing to press while a deploy runs", () => {
    expect(deployOffer("deploying", [deploy("running")])).toEqual({ kind: "running", runId: "d1" });
    expect(deployOffer("deploying", [deploy("needs-attention")])).toEqual({ kind: "running", runId: "d1" });
  });
  it("offers a new deploy only after the last one failed while deploying", () => {
    expect(deployOffer("deploying", [deploy("failed", "d2"), deploy("failed")])).toEqual({ kind: "again", runId: "d2" });
  });
  it("offers no deploy after a successful one, nor on a final or draft release, and says why", () => {
    const verifying = deployOffer("verifying", [deploy("succeeded")]);
    expect(verifying.kind).toBe("none");
    expect(verifying).toMatchObject({ reason: expect.stringContaining("deploy succeeded") });
    expect(deployOffer("released", [deploy("succeeded")])).toMatchObject({ kind: "none", reason: expect.stringContaining("final") });
    expect(deployOffer("cancelled", [])).toMatchObject({ kind: "none", reason: expect.stringContaining("cancelled") });
    expect(deployOffer("draft", [])).toMatchObject({ kind: "none", reason: expect.stringContaining("draft") });
  });
});

describe("nextSteps", () => {
  const procedures = [
    { name: "Deploy", kind: "deploy" as const },
    { name: "Smoke test", kind: "smoke" as const },
    { name: "Rollback", kind: "rollback" as const },
  ];
  it("says nothing before the deploy", () => {
    expect(nextSteps("ready", procedures)).toBeNull();
  });
  it("names the checks that release a verifying release, and the way out", () => {
    expect(nextSteps("verifying", procedures)).toBe(
      'Next: verify the deploy. Run "Smoke test"; when it succeeds, the release is released. If something is wrong, roll back.',
    );
  });
  it("says final releases are final", () => {
    expect(nextSteps("released", procedures)).toContain("final");
    expect(nextSteps("rolled_back", procedures)).toContain("new release");
  });

  it("offers Deploy for the next environment of a promotion path while the release is still deploying", () => {
    const staging = { id: "d1", kind: "deploy" as const, status: "succeeded", environment: "staging" };
    expect(deployOffer("deploying", [staging], { name: "production", state: "pending" })).toEqual({ kind: "deploy" });
    expect(
      deployOffer("deploying", [{ ...staging, id: "d2", status: "failed", environment: "production" }, staging], { name: "production", state: "failed" }),
    ).toEqual({ kind: "again", runId: "d2" });
    expect(deployOffer("deploying", [{ ...staging, status: "running" }], { name: "staging", state: "deploying" })).toEqual({ kind: "running", runId: "d1" });
    expect(deployOffer("deploying", [staging], { name: "staging", state: "verifying" })).toMatchObject({
      kind: "none",
      reason: expect.stringContaining("verify it there"),
    });
  });
});
