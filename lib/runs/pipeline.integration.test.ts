// Issue 21, "a deploy is a pipeline": a template binds procedures to an environment in order; a release copies that
// pipeline (its digest covers it); a deploy there runs all of it as one run whose steps are grouped by procedure, with
// the gate, retry and rollback of any run; a template's default path is used when a release names none.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createReleaseRoute } from "@/app/api/releases/route";
import { PUT as setPipelineRoute } from "@/app/api/templates/[id]/pipelines/[environment]/route";
import { PUT as setDefaultPathRoute } from "@/app/api/templates/[id]/environments/route";
import { GET as getRunRoute } from "@/app/api/runs/[runId]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { planDigest } from "@/lib/plan/plan-digest";
import { loadReleasePlan } from "@/lib/plan/release-plan";
import { createRelease } from "@/lib/releases/create-release";
import { startRun } from "@/lib/runs/start-run";
import { stepAction } from "@/lib/runs/step-action";
import { saveTemplate, type TemplateDraft } from "@/lib/templates/save-template";
import { callRoute } from "@/test/call-route";
import { createCaller, uid } from "@/test/factories";
import { startInProcessWorker, waitForRun } from "@/test/run-fixtures";
import { waitFor } from "@/test/wait-for";

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => {
  worker = startInProcessWorker();
});
afterAll(() => worker.stop());

async function environment(prefix: string, requiredGoes: number | null = 0) {
  const name = `${prefix}-${uid()}`;
  await db().environment.create({ data: { name, variables: {}, requiredGoes } });
  return name;
}

const command = (text: string, cmd: string) => ({ kind: "command" as const, text, command: cmd });

/** Staging's pipeline (Migrate, Deploy, Smoke), an unbound deploy (Ship) and an unbound rollback. */
function procedures(staging: string, overrides: { migrate?: string; smoke?: string } = {}): TemplateDraft["procedures"] {
  return [
    { name: "Ship", kind: "deploy", steps: [command("ship anywhere", "echo shipped")] },
    { name: "Migrate", kind: "custom", environment: staging, steps: [command("migrate", overrides.migrate ?? "echo migrated")] },
    { name: "Deploy app", kind: "deploy", environment: staging, steps: [command("deploy", "echo deployed"), command("restart", "echo restarted")] },
    { name: "Smoke", kind: "smoke", environment: staging, steps: [command("check", overrides.smoke ?? "echo healthy")] },
    { name: "Rollback", kind: "rollback", steps: [command("undo", "echo undone")] },
  ];
}

async function template(procs: TemplateDraft["procedures"], extra: Partial<TemplateDraft> = {}) {
  const t = await saveTemplate(
    {
      name: `Pipeline ${uid()}`,
      phases: [{ title: "Launch", offsetMinutes: 0, items: [{ text: "Go", required: false, ownerRole: null }] }],
      procedures: procs,
      ...extra,
    },
    null,
  );
  await db().approvalPolicy.create({ data: { templateId: t.id, releaseType: "regular", minGoes: 0 } });
  return t;
}

async function release(manager: Caller, templateId: string, path: string[], autoRollback = false) {
  return createRelease(
    {
      templateId,
      name: `Pipeline ${uid()}`,
      version: "3.0.0",
      type: "regular",
      environment: path[0],
      path,
      scheduledAt: new Date("2030-01-01T00:00:00Z"),
      autoRollback,
    },
    manager,
  );
}

const stateOf = async (releaseId: string, environment: string) => (await db().releaseEnvironment.findFirstOrThrow({ where: { releaseId, environment } })).state;

describe("a deploy runs the environment's pipeline", () => {
  it("as one run, steps in pipeline order grouped by procedure; a pipeline ending in a check verifies its deploy", async () => {
    const manager = await createCaller("manager");
    const [staging, production] = [await environment("staging"), await environment("production")];
    const t = await template(procedures(staging));
    const r = await release(manager, t.id, [staging, production]);

    const { runId } = await startRun(r.id, { procedure: "deploy" }, manager);
    const run = await waitForRun(runId, ["succeeded"]);
    expect(run).toMatchObject({ procedureName: `${staging} pipeline`, procedureKind: "deploy", environment: staging });
    expect(run.steps.map((s) => [s.procedureName, s.text])).toEqual([
      ["Migrate", "migrate"],
      ["Deploy app", "deploy"],
      ["Deploy app", "restart"],
      ["Smoke", "check"],
    ]);
    expect(run.steps.every((s) => s.status === "succeeded")).toBe(true);
    await waitFor("staging to be deployed and verified", async () => (await stateOf(r.id, staging)) === "deployed", 10_000);

    // The run's answer carries the groups for the run page.
    const token = await createApiToken(manager.id, "t");
    const view = (await (await callRoute(getRunRoute, `/api/runs/${runId}`, { runId }, { token })).json()) as { steps: { procedure: string | null }[] };
    expect(view.steps.map((s) => s.procedure)).toEqual(["Migrate", "Deploy app", "Deploy app", "Smoke"]);

    // Production has no pipeline: the unbound deploy runs there, alone, ungrouped; staging's procedures never run there.
    const prod = await startRun(r.id, { procedure: "deploy" }, manager);
    const prodRun = await waitForRun(prod.runId, ["succeeded"]);
    expect(prodRun).toMatchObject({ procedureName: "Ship", environment: production });
    expect(prodRun.steps.map((s) => [s.procedureName, s.text])).toEqual([[null, "ship anywhere"]]);
    await expect(startRun(r.id, { procedure: "Smoke", environment: production }, manager)).rejects.toMatchObject({
      status: 422,
      details: { field: "procedure" },
    });
  });

  it("the default pipeline ('*', an imported runbook's numbered steps) runs where an environment has none of its own", async () => {
    const manager = await createCaller("manager");
    const [staging, production] = [await environment("staging"), await environment("production")];
    const t = await template([
      ...procedures(staging),
      { name: "Step 1: Prepare", kind: "custom", environment: "*", steps: [command("prepare", "echo prepared")] },
      { name: "Step 2: Deploy", kind: "deploy", environment: "*", steps: [command("deploy", "echo deployed")] },
    ]);
    const r = await release(manager, t.id, [staging, production]);
    await waitForRun((await startRun(r.id, { procedure: "deploy" }, manager)).runId, ["succeeded"]);
    // Staging's own pipeline ended with a check: verified, so production is next; it has no pipeline of its own.
    await waitFor("staging to be deployed and verified", async () => (await stateOf(r.id, staging)) === "deployed", 10_000);
    const prod = await waitForRun((await startRun(r.id, { procedure: "deploy" }, manager)).runId, ["succeeded"]);
    expect(prod).toMatchObject({ procedureName: `${production} pipeline`, environment: production });
    expect(prod.steps.map((s) => [s.procedureName, s.text])).toEqual([
      ["Step 1: Prepare", "prepare"],
      ["Step 2: Deploy", "deploy"],
    ]);
  });

  it("a failed step of a pipeline is retried where it stopped, and the run goes on to the next procedure", async () => {
    const manager = await createCaller("manager");
    const staging = await environment("staging");
    const flag = path.join(os.tmpdir(), `pipeline-flag-${uid()}`);
    const t = await template(procedures(staging, { migrate: `test -f ${flag}` }));
    const r = await release(manager, t.id, [staging]);

    const { runId } = await startRun(r.id, { procedure: "deploy" }, manager);
    const failed = await waitForRun(runId, ["failed", "needs_attention"]);
    expect(failed.steps.map((s) => s.status)).toEqual([
      "failed",
      expect.not.stringMatching(/succeeded/),
      expect.not.stringMatching(/succeeded/),
      expect.not.stringMatching(/succeeded/),
    ]);
    await waitFor("staging to be failed", async () => (await stateOf(r.id, staging)) === "failed", 10_000);

    fs.writeFileSync(flag, "");
    try {
      await stepAction(runId, failed.steps[0].id, "retry", manager);
      const done = await waitForRun(runId, ["succeeded"]);
      expect(done.steps.map((s) => [s.procedureName, s.status])).toEqual([
        ["Migrate", "succeeded"],
        ["Deploy app", "succeeded"],
        ["Deploy app", "succeeded"],
        ["Smoke", "succeeded"],
      ]);
      await waitFor("the release to be released", async () => (await db().release.findUniqueOrThrow({ where: { id: r.id } })).status === "released", 10_000);
    } finally {
      fs.rmSync(flag, { force: true });
    }
  });

  it("a pipeline failing in its check rolls back automatically, in its environment", async () => {
    const manager = await createCaller("manager");
    const staging = await environment("staging");
    const t = await template(procedures(staging, { smoke: "echo unhealthy; exit 4" }));
    const r = await release(manager, t.id, [staging], true);

    const { runId } = await startRun(r.id, { procedure: "deploy" }, manager);
    const failed = await waitForRun(runId, ["failed"]);
    expect(failed.steps.map((s) => s.status)).toEqual(["succeeded", "succeeded", "succeeded", "failed"]);
    const rollback = await waitFor("the automatic rollback", () => db().run.findFirst({ where: { triggeredByRunId: runId } }), 15_000);
    expect(rollback).toMatchObject({ procedureKind: "rollback", environment: staging });
    await waitForRun(rollback.id, ["succeeded"]);
    await waitFor("staging to be rolled back", async () => (await stateOf(r.id, staging)) === "rolled_back", 10_000);
  });
});

describe("the plan's digest covers the pipeline", () => {
  it("differs when a procedure is bound or the pipeline's order changes, and stays as before for a plan without pipelines", async () => {
    const manager = await createCaller("manager");
    const staging = await environment("staging");
    const bound = procedures(staging);
    const unbound = bound.map(({ environment: _e, ...p }) => p);
    const reordered = [bound[0], bound[2], bound[1], bound[3], bound[4]];
    const digests = await Promise.all(
      [bound, unbound, reordered].map(
        async (procs) => (await loadReleasePlan(db(), (await release(manager, (await template(procs)).id, [staging])).id)).digest,
      ),
    );
    expect(new Set(digests).size).toBe(3);
    // A plan without pipelines: the digest it had before pipelines existed (no new key in its snapshot).
    const before = planDigest({
      procedures: unbound.map((p) => ({ name: p.name, kind: p.kind, steps: p.steps.map(({ kind, text, ...config }) => ({ kind, text, config })) })),
    });
    expect(digests[1]).toBe(before);
  });
});

describe("template routes: pipelines and the default path", () => {
  it("sets, reorders and clears an environment's pipeline with the template's version; bad ids and names are 422", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const staging = await environment("staging");
    const t = await template(procedures(staging));
    const ids = Object.fromEntries(t.procedures.map((p) => [p.name, p.id]));
    const put = (env: string, body: unknown) =>
      callRoute(setPipelineRoute, `/api/templates/${t.id}/pipelines/${env}`, { id: t.id, environment: env }, { method: "PUT", token, body });
    const pipeline = async () =>
      (await db().templateProcedure.findMany({ where: { templateId: t.id, environment: staging }, orderBy: { pipelinePosition: "asc" } })).map((p) => p.name);

    expect(await pipeline()).toEqual(["Migrate", "Deploy app", "Smoke"]);
    const moved = await put(staging, { procedureIds: [ids["Deploy app"], ids["Migrate"]], version: 1 });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ version: 2 });
    expect(await pipeline()).toEqual(["Deploy app", "Migrate"]);
    expect((await db().templateProcedure.findUniqueOrThrow({ where: { id: ids["Smoke"] } })).environment).toBeNull();

    expect((await put(staging, { procedureIds: [ids["Migrate"]], version: 1 })).status).toBe(409);
    const foreign = await put(staging, { procedureIds: [ids["Migrate"], crypto.randomUUID()], version: 2 });
    expect(foreign.status).toBe(422);
    expect(await foreign.json()).toMatchObject({ error: { details: { field: "procedureIds.1" } } });
    const repeat = await put(staging, { procedureIds: [ids["Migrate"], ids["Migrate"]], version: 2 });
    expect(await repeat.json()).toMatchObject({ error: { details: { field: "procedureIds.1" } } });
    const nowhere = await put(`nowhere-${uid()}`, { procedureIds: [], version: 2 });
    expect(nowhere.status).toBe(422);
    expect(await nowhere.json()).toMatchObject({ error: { details: { field: "environment" } } });
    expect((await put(staging, { procedureIds: [], version: 2, extra: 1 })).status).toBe(400);

    expect((await put(staging, { procedureIds: [], version: 2 })).status).toBe(200);
    expect(await pipeline()).toEqual([]);
  });

  it("a release created without environments takes the template's default path; none is a 422 naming environments", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const [staging, production] = [await environment("staging"), await environment("production", null)];
    const t = await template(procedures(staging));
    const body = { templateId: t.id, name: `Default ${uid()}`, version: "1.0.0", type: "regular", scheduledAt: "2030-01-01T00:00:00Z" };
    const create = () => callRoute(createReleaseRoute, "/api/releases", {}, { method: "POST", token, body });
    const setPath = (b: unknown) => callRoute(setDefaultPathRoute, `/api/templates/${t.id}/environments`, { id: t.id }, { method: "PUT", token, body: b });

    const none = await create();
    expect(none.status).toBe(422);
    expect(await none.json()).toMatchObject({ error: { details: { field: "environments" } } });

    const unknown = await setPath({ environments: [staging, `nowhere-${uid()}`], version: 1 });
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: { details: { field: "environments.1" } } });
    const set = await setPath({ environments: [staging, production], version: 1 });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ environments: [staging, production], version: 2 });
    expect((await setPath({ environments: [], version: 1 })).status).toBe(409);

    const created = await create();
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      currentEnvironment: staging,
      environments: [
        { name: staging, state: "pending" },
        { name: production, state: "pending" },
      ],
    });
  });
});
