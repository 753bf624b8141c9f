import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { decide } from "@/lib/decisions/decide";
import { assertDeployAllowed } from "@/lib/decisions/deploy-gate";
import { getReadiness } from "@/lib/decisions/readiness";
import { eventsOf, gateRelease, GATE_TEMPLATE, tickGatingItems } from "@/test/decision-fixtures";
import { getReleasePlan } from "@/lib/plan/get-release-plan";
import { deleteReleaseStep, updateReleaseStep } from "@/lib/plan/release-step-edits";
import { withPlanEdit } from "@/lib/plan/with-plan-edit";
import { startRun } from "@/lib/runs/start-run";
import { getTemplate } from "@/lib/templates/get-template";
import { updateTemplateStep } from "@/lib/templates/edit/template-step-edits";
import { createCaller, createTemplateFixture, uid } from "@/test/factories";
import { callRoute } from "@/test/call-route";
import * as stepRoute from "@/app/api/releases/[id]/steps/[stepId]/route";
import * as planRoute from "@/app/api/releases/[id]/plan/route";

async function approver(name: string, groups: string[] = []): Promise<Caller> {
  const caller = await createCaller("approver", groups);
  const named = `${name} ${uid()}`;
  await db().user.update({ where: { id: caller.id }, data: { name: named } });
  return { ...caller, name: named };
}

/** A regular release (two gos, one from lead) with its checklist done and two gos standing: ready to deploy. */
async function approvedRelease() {
  const { release, manager } = await gateRelease();
  await tickGatingItems(release, manager);
  const ari = await approver("Ari", ["lead"]);
  const bo = await approver("Bo");
  await decide(release.id, { decision: "go" }, ari);
  await decide(release.id, { decision: "go" }, bo);
  expect((await getReadiness(release.id)).ready).toBe(true);
  return { release, manager, ari, bo };
}

const deployStep = async (releaseId: string) => (await getReleasePlan(releaseId)).procedures.find((p) => p.kind === "deploy")!.steps[0];
const runSteps = (runId: string) => db().runStep.findMany({ where: { runId }, orderBy: { position: "asc" }, select: { text: true, config: true } });

describe("a release's own plan", () => {
  it("is copied at creation: editing the template afterwards does not change what the release runs", async () => {
    const template = await createTemplateFixture(GATE_TEMPLATE);
    const { release } = await gateRelease({ templateId: template.id });
    const t = await getTemplate(template.id);
    const step = t.procedures.find((p) => p.kind === "deploy")!.steps[0];
    await updateTemplateStep(template.id, step.id, { config: { command: "echo EDITED-ON-TEMPLATE" }, version: t.version });

    expect((await deployStep(release.id)).command).toBe("echo hi");
    const admin = await createCaller("admin");
    const { runId } = await startRun(release.id, { procedure: "deploy", override: { reason: "template drift test" } }, admin);
    expect(await runSteps(runId)).toEqual([{ text: "deploy", config: { command: "echo hi" } }]);
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.planDigest).toBe((await getReleasePlan(release.id)).planDigest);
    // A release created after the edit gets the edited plan.
    const later = await gateRelease({ templateId: template.id });
    expect((await deployStep(later.release.id)).command).toBe("echo EDITED-ON-TEMPLATE");
    await db().run.update({ where: { id: runId }, data: { status: "cancelled" } });
    await db().environmentLock.deleteMany({ where: { runId } });
  });

  it("binds gos to the plan: an edit after two gos makes them stale, the deploy gets STALE_PLAN, new gos let the new plan run", async () => {
    const { release, manager, ari, bo } = await approvedRelease();
    const before = await getReleasePlan(release.id);
    const votes = await db().decision.findMany({ where: { releaseId: release.id } });
    expect(votes.map((v) => v.planDigest)).toEqual([before.planDigest, before.planDigest]);

    const step = await deployStep(release.id);
    const edited = await updateReleaseStep(release.id, step.id, { config: { command: "echo v2" }, planDigest: before.planDigest }, manager);
    expect(edited.planDigest).not.toBe(before.planDigest);
    expect(edited.stale).toEqual([ari.name, bo.name]);

    const events = await eventsOf(release.id);
    expect(events.find((e) => e.type === "plan.edited")).toMatchObject({
      actorId: manager.id,
      payload: { action: "step.updated", procedure: "Deploy", fromDigest: before.planDigest, toDigest: edited.planDigest },
    });
    expect(events.find((e) => e.type === "decision.stale")).toMatchObject({
      payload: { approvers: [{ name: ari.name }, { name: bo.name }], approvedDigest: before.planDigest, planDigest: edited.planDigest },
    });
    expect(events.at(-1)).toMatchObject({ type: "release.status", payload: { status: "scheduled" } });

    const readiness = await getReadiness(release.id);
    expect(readiness.ready).toBe(false);
    expect(readiness.decisions.goes).toBe(0);
    expect(readiness.blockers).toContain(`2 gos were given to an earlier plan: ask ${ari.name} and ${bo.name} to look again.`);
    expect(readiness.decisions.votes.map((v) => v.stale)).toEqual([true, true]);

    await expect(startRun(release.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({ status: 409, code: "STALE_PLAN" });
    await expect(assertDeployAllowed(release.id, manager)).rejects.toMatchObject({ code: "STALE_PLAN", details: { planDigest: edited.planDigest } });
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);

    // What the approvers are shown: the plan they approved, and what changed since.
    const plan = await getReleasePlan(release.id);
    expect(plan.earlier).toEqual([
      {
        planDigest: before.planDigest,
        shortDigest: before.planDigest.slice(0, 8),
        voters: [
          { id: ari.id, name: ari.name, decision: "go" },
          { id: bo.id, name: bo.name, decision: "go" },
        ],
        changes: [
          { op: "same", text: "Deploy (deploy)" },
          { op: "removed", text: '  1. command "deploy": $ echo hi' },
          { op: "added", text: '  1. command "deploy": $ echo v2' },
        ],
      },
    ]);

    // The same go again is a new vote on the new plan, not a no-op.
    expect((await decide(release.id, { decision: "go" }, ari)).created).toBe(true);
    await expect(startRun(release.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({ code: "STALE_PLAN" });
    expect((await decide(release.id, { decision: "go" }, bo)).created).toBe(true);
    expect(await getReadiness(release.id)).toMatchObject({ ready: true, plan: { digest: edited.planDigest, approved: true, staleGoes: [] } });

    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    const run = await db().run.findUniqueOrThrow({ where: { id: runId } });
    expect(run.planDigest).toBe(edited.planDigest);
    expect(await runSteps(runId)).toEqual([{ text: "deploy", config: { command: "echo v2" } }]);
    expect((await eventsOf(release.id)).find((e) => e.type === "run.requested")).toMatchObject({ payload: { runId, planDigest: edited.planDigest } });
  });

  it("refuses an edit made from an outdated plan (409), a step that is not the release's (404) and an invalid step (422)", async () => {
    const { release, manager } = await gateRelease();
    const { planDigest } = await getReleasePlan(release.id);
    const step = await deployStep(release.id);
    const token = await createApiToken(manager.id, "t");
    const patch = (stepId: string, body: unknown) =>
      callRoute(stepRoute.PATCH, `/api/releases/${release.id}/steps/${stepId}`, { id: release.id, stepId }, { method: "PATCH", token, body });

    expect((await patch(step.id, { kind: "http", config: { request: { method: "GET", url: "not a url", headers: {} }, expect: {} }, planDigest })).status).toBe(
      422,
    );
    expect((await patch(step.id, { config: { command: "" }, planDigest })).status).toBe(422);
    expect((await patch(crypto.randomUUID(), { text: "x", planDigest })).status).toBe(404);
    const ok = await patch(step.id, { text: "deploy the app", planDigest });
    expect(ok.status).toBe(200);
    const stale = await patch(step.id, { text: "again", planDigest });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: { code: "CONFLICT", details: { field: "planDigest" } } });

    // Viewers never read the plan's commands; approvers do.
    const viewer = await createCaller("viewer");
    expect(
      (await callRoute(planRoute.GET, `/api/releases/${release.id}/plan`, { id: release.id }, { token: await createApiToken(viewer.id, "v") })).status,
    ).toBe(403);
    const asApprover = await callRoute(
      planRoute.GET,
      `/api/releases/${release.id}/plan`,
      { id: release.id },
      { token: await createApiToken((await createCaller("approver")).id, "a") },
    );
    expect(((await asApprover.json()) as { procedures: { steps: { text: string }[] }[] }).procedures[0].steps[0].text).toBe("deploy the app");
  });

  it("makes a go cast before plans were bound stale at the first edit, and deleting a step is an edit", async () => {
    const { release, manager, ari, bo } = await approvedRelease();
    // As the migration leaves votes cast before this feature: no digest.
    await db().decision.updateMany({ where: { releaseId: release.id }, data: { planDigest: null } });
    expect((await getReadiness(release.id)).ready).toBe(true);
    const { planDigest } = await getReleasePlan(release.id);
    const rollback = (await getReleasePlan(release.id)).procedures.find((p) => p.kind === "rollback")!.steps[0];
    const result = await deleteReleaseStep(release.id, rollback.id, planDigest, manager);
    expect(result.stale).toEqual([ari.name, bo.name]);
    expect(await db().decision.findMany({ where: { releaseId: release.id }, select: { planDigest: true } })).toEqual([{ planDigest }, { planDigest }]);
    await expect(assertDeployAllowed(release.id, manager)).rejects.toMatchObject({ code: "STALE_PLAN" });
  });

  it("refuses a deploy whose plan is edited while it starts: the run never runs a plan other than the current one", async () => {
    const { release, manager } = await approvedRelease();
    const { planDigest } = await getReleasePlan(release.id);
    const step = await deployStep(release.id);
    let starting: Promise<unknown> = Promise.resolve();
    // The edit holds the release's lock while the deploy reads the (still old) plan, passes the gate and waits for the lock.
    await withPlanEdit(release.id, planDigest, manager, async (tx) => {
      await tx.releaseStep.update({ where: { id: step.id }, data: { config: { command: "echo edited-meanwhile" } } });
      starting = startRun(release.id, { procedure: "deploy" }, manager).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 1_000));
      return { note: { action: "step.updated" as const, procedure: "Deploy", step: "deploy" } };
    });
    expect(await starting).toMatchObject({ status: 409, code: "STALE_PLAN" });
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);
  });
});
