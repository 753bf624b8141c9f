// Issue 15: the person a rule constrains cannot switch it off. Lowering the approval bar takes an admin and a
// reason; the drivers of a release do not approve it; decisions are history once it is final; refused attempts do
// not grow the audit trail without bound.
import { describe, expect, it } from "vitest";
import { PATCH as patchReleaseRoute } from "@/app/api/releases/[id]/route";
import { POST as decideRoute } from "@/app/api/releases/[id]/decisions/route";
import { PUT as policyRoute } from "@/app/api/templates/[id]/policies/[type]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { exportAudit } from "@/lib/audit/export-audit";
import { decide } from "@/lib/decisions/decide";
import { overrideNoGo } from "@/lib/decisions/override-no-go";
import { getReadiness } from "@/lib/decisions/readiness";
import { eventsOf, gateRelease, tickGatingItems } from "@/test/decision-fixtures";
import { withdrawDecision } from "@/lib/decisions/withdraw-decision";
import { getRelease } from "@/lib/releases/get-release";
import { tickItem } from "@/lib/releases/tick-item";
import { startRun } from "@/lib/runs/start-run";
import { callRoute } from "@/test/call-route";
import { createCaller } from "@/test/factories";

type ErrorBody = { error: { code: string; message: string; details?: Record<string, unknown> } };
const go = { decision: "go" as const, comment: "looks good" };

const putPolicy = (templateId: string, token: string, body: unknown) =>
  callRoute(policyRoute, `/api/templates/${templateId}/policies/regular`, { id: templateId, type: "regular" }, { method: "PUT", token, body });
const vote = (releaseId: string, token: string, body: unknown = go) =>
  callRoute(decideRoute, `/api/releases/${releaseId}/decisions`, { id: releaseId }, { method: "POST", token, body });
const patchRelease = (releaseId: string, token: string, body: unknown) =>
  callRoute(patchReleaseRoute, `/api/releases/${releaseId}`, { id: releaseId }, { method: "PATCH", token, body });

describe("who may change the bar", () => {
  it("refuses a manager's zero-go policy (403), wants an admin's reason (422), and records the change on each open release", async () => {
    const { release, manager } = await gateRelease();
    await tickGatingItems(release, manager);
    const templateId = release.template.id;
    const { release: other } = await gateRelease({ templateId });
    const managerToken = await createApiToken(manager.id, "t");

    const zero = { minGoes: 0, groupRules: [], version: 0 };
    const refused = await putPolicy(templateId, managerToken, zero);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("POLICY_LOOSENING_NEEDS_ADMIN");
    expect((await getReadiness(release.id)).ready).toBe(false);
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("scheduled");

    // Fewer gos, or a group rule dropped or widened, is loosening too; raising the bar is the manager's to do.
    for (const body of [
      { minGoes: 1, groupRules: [{ anyOf: ["lead"], count: 1 }] },
      { minGoes: 2, groupRules: [] },
      { minGoes: 2, groupRules: [{ anyOf: ["lead", "dev"], count: 1 }] },
    ]) {
      expect((await putPolicy(templateId, managerToken, { ...body, version: 0 })).status, JSON.stringify(body)).toBe(403);
    }
    const tighter = await putPolicy(templateId, managerToken, { minGoes: 3, groupRules: [{ anyOf: ["lead"], count: 2 }], version: 0 });
    expect(tighter.status).toBe(200);

    const admin = await createCaller("admin");
    const adminToken = await createApiToken(admin.id, "t");
    const noReason = await putPolicy(templateId, adminToken, { ...zero, version: 1 });
    expect(noReason.status).toBe(422);
    expect(((await noReason.json()) as ErrorBody).error).toMatchObject({ code: "UNPROCESSABLE", details: { field: "reason" } });
    const ok = await putPolicy(templateId, adminToken, { ...zero, version: 1, reason: "Release train paused; the CAB signs off outside Countdown" });
    expect(ok.status).toBe(200);

    for (const id of [release.id, other.id]) {
      const changes = (await eventsOf(id)).filter((e) => e.type === "policy.changed");
      expect(changes.map((e) => e.actorId)).toEqual([manager.id, admin.id]);
      expect(changes[1].payload).toMatchObject({
        after: "0 gos",
        reason: "Release train paused; the CAB signs off outside Countdown",
        loosened: expect.arrayContaining(["no go needed at all"]),
      });
    }
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("ready");
  });
});

describe("the drivers do not approve", () => {
  it("lets an admin or the current manager hand the release on; the new manager cannot vote and is shown on the release", async () => {
    const { release, manager } = await gateRelease();
    expect((await getRelease(release.id)).managerId).toBe(manager.id);
    const next = await createCaller("manager");
    const stranger = await createCaller("manager");
    expect((await patchRelease(release.id, await createApiToken(stranger.id, "t"), { managerId: stranger.id })).status).toBe(403);
    const approver = await createCaller("approver", ["lead"]);
    const notAManager = await patchRelease(release.id, await createApiToken(manager.id, "t"), { managerId: approver.id });
    expect(notAManager.status).toBe(422);

    const handed = await patchRelease(release.id, await createApiToken(manager.id, "t"), { managerId: next.id });
    expect(handed.status).toBe(200);
    expect((await handed.json()) as { managerId: string; manager: { name: string } }).toMatchObject({
      managerId: next.id,
      manager: { id: next.id, name: next.name },
    });
    // The previous manager no longer may; the new one may, and so may an admin.
    expect((await patchRelease(release.id, await createApiToken(manager.id, "t"), { managerId: manager.id })).status).toBe(403);
    const admin = await createCaller("admin");
    expect((await patchRelease(release.id, await createApiToken(admin.id, "t"), { managerId: admin.id })).status).toBe(200);
    const moves = (await eventsOf(release.id)).filter((e) => e.type === "release.manager");
    expect(moves.map((e) => [e.actorId, (e.payload as { managerId: string }).managerId])).toEqual([
      [manager.id, next.id],
      [admin.id, admin.id],
    ]);

    // The admin now manages it: their vote is refused.
    const refused = await vote(release.id, await createApiToken(admin.id, "t"));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.message).toContain("the release's manager cannot decide on it");
  });

  it("refuses a vote from whoever ticked a required item or started a run, and stops counting a go given before", async () => {
    const { release, manager } = await gateRelease({ type: "hotfix" });
    const admin = await createCaller("admin", ["lead"]);
    // The admin votes first, then ticks the required items themselves: that go no longer counts.
    await decide(release.id, go, admin);
    for (const phase of release.phases.filter((p) => p.offsetMinutes === null || p.offsetMinutes < 0)) {
      for (const item of phase.items.filter((i) => i.required)) await tickItem(release.id, item.id, { checked: true, version: item.version }, admin);
    }
    const readiness = await getReadiness(release.id);
    expect(readiness.ready).toBe(false);
    expect(readiness.decisions.goes).toBe(0);
    await expect(decide(release.id, { decision: "go", comment: "again" }, admin)).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining("whoever ticked one of its required checklist items"),
    });

    // A ready release whose only go came from an admin goes back to scheduled when that admin ticks a required item.
    const { release: third } = await gateRelease({ type: "hotfix" });
    await tickGatingItems(third, manager);
    const voter = await createCaller("admin", ["lead"]);
    await decide(third.id, go, voter);
    expect((await db().release.findUniqueOrThrow({ where: { id: third.id } })).status).toBe("ready");
    const afterLaunch = third.phases.find((p) => p.offsetMinutes !== null && p.offsetMinutes > 0)!.items[0];
    // Before the deploy an item due after T-0 is ticked early on purpose (tick-item.ts).
    await tickItem(third.id, afterLaunch.id, { checked: true, version: afterLaunch.version, early: true }, voter);
    expect((await db().release.findUniqueOrThrow({ where: { id: third.id } })).status).toBe("scheduled");

    // An admin who started one of its runs may not vote either.
    const { release: second } = await gateRelease({ type: "hotfix" });
    await tickGatingItems(second, manager);
    const runner = await createCaller("admin", ["lead"]);
    await db().run.create({
      data: { releaseId: second.id, procedureName: "Smoke", procedureKind: "smoke", environment: second.environment, requestedById: runner.id },
    });
    await expect(decide(second.id, go, runner)).rejects.toMatchObject({ status: 403, message: expect.stringContaining("whoever started one of its runs") });
  });

  it("does not count an admin's own go towards the deploy that admin starts", async () => {
    const { release, manager } = await gateRelease({ type: "hotfix" });
    await tickGatingItems(release, manager);
    const admin = await createCaller("admin", ["lead"]);
    await decide(release.id, go, admin);
    expect((await getReadiness(release.id)).ready).toBe(true);
    await expect(startRun(release.id, { procedure: "deploy" }, admin)).rejects.toMatchObject({ status: 409, code: "NOT_READY" });
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);
  });
});

describe("decisions are history", () => {
  it("refuses voting, withdrawing and overriding once the release is final (409 LIFECYCLE)", async () => {
    const { release } = await gateRelease();
    const lead = await createCaller("approver", ["lead"]);
    const other = await createCaller("approver");
    await decide(release.id, go, lead);
    const noGo = (await decide(release.id, { decision: "no-go", comment: "not yet" }, other)).decision;
    await db().release.update({ where: { id: release.id }, data: { status: "released" } });

    await expect(withdrawDecision(release.id, lead)).rejects.toMatchObject({
      status: 409,
      code: "LIFECYCLE",
      details: { current: "released", attempted: "decide" },
    });
    await expect(decide(release.id, { decision: "no-go", comment: "changed my mind" }, lead)).rejects.toMatchObject({ status: 409, code: "LIFECYCLE" });
    await expect(overrideNoGo(release.id, noGo.decisionId, { reason: "too late" }, await createCaller("admin"))).rejects.toMatchObject({
      status: 409,
      code: "LIFECYCLE",
    });
    const rows = await db().decision.findMany({ where: { releaseId: release.id } });
    expect(rows.map((d) => [d.withdrawnAt, d.overriddenById])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it("lists each vote as recorded in the audit, though its author was since demoted and disabled", async () => {
    const { release } = await gateRelease();
    const lead = await createCaller("approver", ["lead"]);
    const second = await createCaller("approver");
    await decide(release.id, go, lead);
    await decide(release.id, { decision: "go", comment: "fine by me" }, second);
    await db().release.update({ where: { id: release.id }, data: { status: "released" } });
    await db().user.update({ where: { id: lead.id }, data: { role: "viewer", disabledAt: new Date() } });

    const audit = await exportAudit(release.id);
    expect(audit.facts.approvers.map((a) => [a.email, a.role, a.comment])).toEqual([
      [lead.email, "approver", "looks good"],
      [second.email, "approver", "fine by me"],
    ]);
    expect(audit.facts.votes).toMatchObject([
      { user: { id: lead.id }, roleAtVote: "approver", decision: "go", comment: "looks good", withdrawnAt: null, overridden: null },
      { user: { id: second.id }, roleAtVote: "approver", decision: "go", comment: "fine by me" },
    ]);
  });
});

describe("refused decision attempts", () => {
  it("are recorded once per person and release per 10 minutes; further attempts get 429 with Retry-After and write nothing", async () => {
    const { release } = await gateRelease();
    const viewer = await createCaller("viewer");
    const token = await createApiToken(viewer.id, "t");
    const first = await vote(release.id, token);
    expect(first.status).toBe(403);
    const answers = await Promise.all(Array.from({ length: 8 }, () => vote(release.id, token)));
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(429));
    const retryAfter = Number(answers[0].headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(((await answers[0].json()) as ErrorBody).error.code).toBe("RATE_LIMITED");
    expect((await eventsOf(release.id)).filter((e) => e.type === "decision.denied")).toHaveLength(1);

    // Ten minutes later, the next refusal is history again.
    await db().decisionDenial.update({
      where: { releaseId_userId: { releaseId: release.id, userId: viewer.id } },
      data: { recordedAt: new Date(Date.now() - 11 * 60_000) },
    });
    expect((await vote(release.id, token)).status).toBe(403);
    expect((await eventsOf(release.id)).filter((e) => e.type === "decision.denied")).toHaveLength(2);
  });

  it("record exactly one event when many refused attempts arrive at once", async () => {
    const { release } = await gateRelease();
    const viewer = await createCaller("viewer");
    const token = await createApiToken(viewer.id, "t");
    const answers = await Promise.all(Array.from({ length: 12 }, () => vote(release.id, token)));
    expect(answers.map((r) => r.status).sort()).toEqual([403, ...Array(11).fill(429)]);
    expect((await eventsOf(release.id)).filter((e) => e.type === "decision.denied")).toHaveLength(1);
  });
});
