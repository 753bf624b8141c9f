import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decide } from "@/lib/decisions/decide";
import { assertDeployAllowed, gateTargetChange } from "@/lib/decisions/deploy-gate";
import { eventsOf, gateRelease, tickGatingItems } from "@/test/decision-fixtures";
import { createCaller } from "@/test/factories";

describe("the deploy gate", () => {
  it("answers 409 NOT_READY with the blockers while the release is not ready", async () => {
    const { release, manager } = await gateRelease();
    const attempt = assertDeployAllowed(release.id, manager);
    await expect(attempt).rejects.toMatchObject({ status: 409, code: "NOT_READY" });
    const err = await attempt.catch((e: { details: { blockers: string[] } }) => e);
    expect((err as { details: { blockers: string[] } }).details.blockers).toEqual([
      '2 required checklist items due before T-0 are not done: "Cut the branch", "Tell support".',
      "It needs 2 more gos (0 of 2 so far).",
      expect.stringMatching(/^It needs 1 more go from lead/),
    ]);
    expect((await eventsOf(release.id)).map((e) => e.type)).toEqual(["release.created"]);
  });

  it("lets a ready release deploy without recording an override", async () => {
    const { release, manager } = await gateRelease({ type: "hotfix" });
    await tickGatingItems(release, manager);
    await decide(release.id, { decision: "go" }, await createCaller("approver", ["lead"]));
    await expect(assertDeployAllowed(release.id, manager)).resolves.toEqual({ ready: true, overridden: false, blockers: [] });
    await expect(assertDeployAllowed(release.id, manager, { reason: "not needed" })).resolves.toMatchObject({ overridden: false });
    expect((await eventsOf(release.id)).some((e) => e.type === "deploy.override")).toBe(false);
  });

  it("lets only an admin override, with a reason, and records the override with the blockers it ignored", async () => {
    const { release, manager } = await gateRelease();
    await expect(assertDeployAllowed(release.id, manager, { reason: "hurry" })).rejects.toMatchObject({ status: 403 });
    const admin = await createCaller("admin");
    await expect(assertDeployAllowed(release.id, admin, { reason: "  " })).rejects.toMatchObject({ status: 409, code: "NOT_READY" });
    const result = await assertDeployAllowed(release.id, admin, { reason: "Payment outage: ship the fix now" });
    expect(result.overridden).toBe(true);
    const override = (await eventsOf(release.id)).find((e) => e.type === "deploy.override");
    expect(override).toMatchObject({ actorId: admin.id, payload: { reason: "Payment outage: ship the fix now", blockers: result.blockers } });
  });

  it("records the override inside the caller's transaction when given one (rolled back with it)", async () => {
    const { release } = await gateRelease();
    const admin = await createCaller("admin");
    await expect(
      db().$transaction(async (tx) => {
        await assertDeployAllowed(release.id, admin, { reason: "try" }, tx);
        throw new Error("run creation failed");
      }),
    ).rejects.toThrow("run creation failed");
    expect((await eventsOf(release.id)).some((e) => e.type === "deploy.override")).toBe(false);
  });

  it("never gates a rollback or a check that only reads; gates deploys, custom procedures and checks with commands", async () => {
    const { release, manager } = await gateRelease();
    const gate = (kind: "deploy" | "smoke" | "verify" | "rollback" | "custom", steps: { kind: string; config?: unknown }[]) =>
      db().$transaction((tx) => gateTargetChange(tx, release.id, { kind, steps }, "start", manager));
    const get = { kind: "http", config: { request: { method: "GET", url: "http://x/health", headers: {} } } };
    await expect(gate("smoke", [get, { kind: "wait" }])).resolves.toMatchObject({ status: "scheduled", next: "scheduled", overridden: false });
    for (const [kind, steps] of [
      ["deploy", [get]],
      ["custom", [get]],
      ["verify", [get, { kind: "command", config: { command: "kubectl apply -f prod.yaml" } }]],
      ["smoke", [{ kind: "http", config: { request: { method: "POST", url: "http://x/admin/deploy", headers: {} } } }]],
    ] as const) {
      await expect(gate(kind, [...steps])).rejects.toMatchObject({ status: 409, code: "NOT_READY" });
    }
    // A rollback is never held to readiness, but exists only after a deploy started.
    await expect(gate("rollback", [{ kind: "command" }])).rejects.toMatchObject({
      status: 409,
      code: "LIFECYCLE",
      details: { current: "scheduled", attempted: "rollback.start" },
    });
    await db().release.update({ where: { id: release.id }, data: { status: "deploying" } });
    await db().releaseEnvironment.updateMany({ where: { releaseId: release.id }, data: { state: "deploying" } });
    await expect(gate("rollback", [{ kind: "command" }])).resolves.toMatchObject({ status: "deploying", next: "deploying" });
  });
});

describe("the gate on POST /api/releases/:id/runs (startRun)", () => {
  it("refuses a deploy run with 409 NOT_READY, and a rollback of a release never deployed with 409 LIFECYCLE", async () => {
    const { startRun } = await import("@/lib/runs/start-run");
    const { release, manager } = await gateRelease();
    await expect(startRun(release.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({
      status: 409,
      code: "NOT_READY",
      details: { blockers: expect.arrayContaining(["It needs 2 more gos (0 of 2 so far)."]) },
    });
    await expect(startRun(release.id, { procedure: "rollback" }, manager)).rejects.toMatchObject({
      status: 409,
      code: "LIFECYCLE",
      details: { current: "scheduled" },
    });
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);
  });
});
