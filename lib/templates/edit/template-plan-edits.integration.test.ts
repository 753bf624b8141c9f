import { describe, expect, it } from "vitest";
import { POST as addProcedureRoute } from "@/app/api/templates/[id]/procedures/route";
import { PATCH as updateProcedureRoute } from "@/app/api/templates/[id]/procedures/[procedureId]/route";
import { POST as addPhaseRoute } from "@/app/api/templates/[id]/phases/route";
import { PATCH as updatePhaseRoute } from "@/app/api/templates/[id]/phases/[phaseId]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { createRelease } from "@/lib/releases/create-release";
import { getRelease } from "@/lib/releases/get-release";
import { getTemplate } from "@/lib/templates/get-template";
import { importTemplate } from "@/lib/templates/import-template";
import { callRoute } from "@/test/call-route";
import { createCaller, createTemplateFixture, uid } from "@/test/factories";

// Issue 18: schedule tables and escalation ladders through import, release creation and the release view; the
// template page's plan edits (add a procedure, change its kind, add a phase, re-time one in words) over HTTP.

type ErrorBody = { error: { code: string; message: string; details?: { field?: string; issues?: { path: string }[] } } };

const RUNBOOK = `---
title: Cycle
---

| Date | Milestone | Owner |
| --- | --- | --- |
| 2024-03-01 | Feature freeze | Eng |
| 2024-03-12 | Final build | Release team |

## Escalation
- Level 1: the engineer on duty investigates
- Level 2 after 15 minutes: page the on-call lead
`;

async function manager() {
  const caller = await createCaller("manager");
  return { caller, token: await createApiToken(caller.id, "t") };
}

describe("a dated schedule and an escalation ladder", () => {
  it("keep the dates on the template; a release shifts them to its T-0, and shows the ladder while its run fails", async () => {
    const { caller } = await manager();
    const { template } = await importTemplate(Buffer.from(RUNBOOK), `Cycle ${uid()}`, caller);
    expect(template.phases.map((p) => [p.title, p.offsetMinutes, p.scheduledAt])).toEqual([
      ["Feature freeze", -11 * 1440, "2024-03-01T00:00:00.000Z"],
      ["Final build", 0, "2024-03-12T00:00:00.000Z"],
    ]);
    expect((await getTemplate(template.id)).escalation).toEqual([
      { level: 1, afterMinutes: 0, action: "the engineer on duty investigates" },
      { level: 2, afterMinutes: 15, action: "page the on-call lead" },
    ]);

    const scheduledAt = new Date("2031-06-20T09:00:00.000Z");
    const release = await createRelease(
      { templateId: template.id, name: `R ${uid()}`, version: "1.0.0", type: "regular", environment: `env-${uid()}`, scheduledAt },
      caller,
    );
    const view = await getRelease(release.id);
    expect(view.phases.map((p) => [p.title, p.dueAt])).toEqual([
      ["Feature freeze", "2031-06-09T09:00:00.000Z"],
      ["Final build", "2031-06-20T09:00:00.000Z"],
    ]);
    expect(view.escalation).toBeNull();

    const failedAt = new Date(Date.now() - 20 * 60_000);
    const run = await db().run.create({
      data: { releaseId: release.id, procedureName: "Escalation", procedureKind: "custom", environment: view.environment, status: "needs_attention" },
    });
    await db().runStep.create({ data: { runId: run.id, position: 0, kind: "command", text: "x", status: "failed", finishedAt: failedAt } });
    expect((await getRelease(release.id)).escalation).toEqual({
      runId: run.id,
      procedure: "Escalation",
      failingSince: failedAt.toISOString(),
      ladder: [
        { level: 1, afterMinutes: 0, action: "the engineer on duty investigates" },
        { level: 2, afterMinutes: 15, action: "page the on-call lead" },
      ],
    });
    // A rollback running after it keeps the ladder up; once it succeeded the ladder is gone.
    const rollback = await db().run.create({
      data: { releaseId: release.id, procedureName: "Rollback", procedureKind: "rollback", environment: view.environment, status: "running" },
    });
    expect((await getRelease(release.id)).escalation).toMatchObject({ runId: run.id });
    await db().run.update({ where: { id: rollback.id }, data: { status: "succeeded" } });
    expect((await getRelease(release.id)).escalation).toBeNull();

    // The release keeps the ladder it was made with: a later edit of the template's is not what this release follows.
    await db().template.update({ where: { id: template.id }, data: { escalation: [{ level: 1, afterMinutes: 0, action: "someone else" }] } });
    await db().run.update({ where: { id: rollback.id }, data: { status: "failed" } });
    expect((await getRelease(release.id)).escalation?.ladder).toEqual([
      { level: 1, afterMinutes: 0, action: "the engineer on duty investigates" },
      { level: 2, afterMinutes: 15, action: "page the on-call lead" },
    ]);
  });
});

describe("plan edits on the template page", () => {
  it("adds a procedure and changes its kind, with the version; bad input is a 4xx naming the field", async () => {
    const { token } = await manager();
    const t = await getTemplate((await createTemplateFixture()).id);
    const add = (body: unknown) => callRoute(addProcedureRoute, `/api/templates/${t.id}/procedures`, { id: t.id }, { method: "POST", token, body });

    const created = await add({ name: "Smoke it", kind: "smoke", version: t.version });
    expect(created.status).toBe(201);
    const { procedure, version } = (await created.json()) as { procedure: { id: string; kind: string }; version: number };
    expect(version).toBe(t.version + 1);

    const badKind = await add({ name: "X", kind: "launch", version });
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as ErrorBody).error.details?.issues?.[0].path).toBe("kind");
    const twice = await add({ name: "Smoke it", kind: "custom", version });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as ErrorBody).error.details?.field).toBe("name");
    const stale = await add({ name: "Other", kind: "custom", version: t.version });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ErrorBody).error.details?.field).toBe("version");

    const patch = (procedureId: string, body: unknown) =>
      callRoute(updateProcedureRoute, `/api/templates/${t.id}/procedures/${procedureId}`, { id: t.id, procedureId }, { method: "PATCH", token, body });
    const changed = await patch(procedure.id, { kind: "deploy", version });
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as { procedure: { kind: string } }).procedure.kind).toBe("deploy");
    expect((await patch(procedure.id, { version: version + 1 })).status).toBe(400);
    expect((await patch(crypto.randomUUID(), { kind: "verify", version: version + 1 })).status).toBe(404);

    const after = await getTemplate(t.id);
    expect(after.procedures.map((p) => [p.name, p.kind])).toEqual([
      ["Deploy", "deploy"],
      ["Smoke it", "deploy"],
    ]);
  });

  it("keeps a canary in a deploy procedure (422 on kind)", async () => {
    const { token } = await manager();
    const t = await getTemplate((await createTemplateFixture()).id);
    const deploy = t.procedures[0];
    await db().templateStep.create({
      data: { procedureId: deploy.id, position: 1, kind: "canary", text: "canary", config: { stages: [{ weight: 10 }, { weight: 100 }] } },
    });
    const res = await callRoute(
      updateProcedureRoute,
      `/api/templates/${t.id}/procedures/${deploy.id}`,
      { id: t.id, procedureId: deploy.id },
      { method: "PATCH", token, body: { kind: "custom", version: t.version } },
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.details?.field).toBe("kind");
  });

  it("adds a phase and re-times one in the importer's words; words that name no time are a 422 on offset", async () => {
    const { token } = await manager();
    const t = await getTemplate((await createTemplateFixture()).id);
    const addPhase = (body: unknown) => callRoute(addPhaseRoute, `/api/templates/${t.id}/phases`, { id: t.id }, { method: "POST", token, body });
    const res = await addPhase({ title: "Go/no-go", offset: "T-2d", version: t.version });
    expect(res.status).toBe(201);
    const { phase, version } = (await res.json()) as { phase: { id: string; offsetMinutes: number; position: number }; version: number };
    expect(phase).toMatchObject({ offsetMinutes: -2880, position: 2 });

    const vague = await addPhase({ title: "Later", offset: "soonish", version });
    expect(vague.status).toBe(422);
    expect(((await vague.json()) as ErrorBody).error.details?.field).toBe("offset");
    expect((await addPhase({ title: "", version })).status).toBe(400);

    const retime = (phaseId: string, body: unknown) =>
      callRoute(updatePhaseRoute, `/api/templates/${t.id}/phases/${phaseId}`, { id: t.id, phaseId }, { method: "PATCH", token, body });
    const scheduled = t.phases[0].id;
    await db().templatePhase.update({ where: { id: scheduled }, data: { scheduledAt: new Date("2024-03-01T00:00:00Z") } });
    const moved = await retime(scheduled, { offset: "T+30m", version });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { phase: { offsetMinutes: number; scheduledAt: string | null } }).phase).toMatchObject({
      offsetMinutes: 30,
      scheduledAt: null,
    });
    expect((await retime(scheduled, { offset: "T-1h", offsetMinutes: 5, version: version + 1 })).status).toBe(400);
    const cleared = await retime(scheduled, { offset: "", version: version + 1 });
    expect(((await cleared.json()) as { phase: { offsetMinutes: number | null } }).phase.offsetMinutes).toBeNull();

    const after = await getTemplate(t.id);
    expect(after.phases.map((p) => [p.title, p.offsetMinutes])).toEqual([
      ["Week before", null],
      ["Anytime", null],
      ["Go/no-go", -2880],
    ]);
  });

  it("is for managers: a viewer gets 403", async () => {
    const viewer = await createCaller("viewer");
    const token = await createApiToken(viewer.id, "t");
    const t = await createTemplateFixture();
    const res = await callRoute(addPhaseRoute, `/api/templates/${t.id}/phases`, { id: t.id }, { method: "POST", token, body: { title: "x", version: 1 } });
    expect(res.status).toBe(403);
  });
});
