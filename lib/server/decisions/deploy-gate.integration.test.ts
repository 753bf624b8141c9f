import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { decide } from "@/lib/server/decisions/decide";
import { assertDeployAllowed, assertRunAllowed } from "@/lib/server/decisions/deploy-gate";
import { eventsOf, gateRelease, tickGatingItems } from "@/lib/server/decisions/test-helpers";
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

  it("never gates smoke tests or rollbacks", async () => {
    const { release, manager } = await gateRelease();
    await expect(assertRunAllowed("rollback", release.id, manager)).resolves.toMatchObject({ ready: true });
    await expect(assertRunAllowed("smoke", release.id, manager)).resolves.toMatchObject({ ready: true });
    await expect(assertRunAllowed("deploy", release.id, manager)).rejects.toMatchObject({ code: "NOT_READY" });
  });
});

describe("the gate on POST /api/releases/:id/runs (startRun)", () => {
  it("refuses a deploy run with 409 NOT_READY but starts a rollback run of the same release", async () => {
    const { startRun } = await import("@/lib/server/runs/start-run");
    const { release, manager } = await gateRelease();
    await expect(startRun(release.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({ status: 409, code: "NOT_READY", details: { blockers: expect.arrayContaining(["It needs 2 more gos (0 of 2 so far)."]) } });
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);
    await startRun(release.id, { procedure: "rollback" }, manager);
    expect(await db().run.findMany({ where: { releaseId: release.id }, select: { procedureKind: true } })).toEqual([{ procedureKind: "rollback" }]);
  });
});
