// Issue 21, second half: releases promoted along a path of environments (staging, then production), in order, each
// environment with its own protection, wait and lock; the release is released when the last one is verified.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createReleaseRoute } from "@/app/api/releases/route";
import { GET as getReleaseRoute } from "@/app/api/releases/[id]/route";
import { POST as startRunRoute } from "@/app/api/releases/[id]/runs/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { decide } from "@/lib/decisions/decide";
import { createRelease } from "@/lib/releases/create-release";
import { startRun } from "@/lib/runs/start-run";
import { saveTemplate, type TemplateDraft } from "@/lib/templates/save-template";
import { callRoute } from "@/test/call-route";
import { createCaller, uid } from "@/test/factories";
import { startInProcessWorker, waitForRun } from "@/test/run-fixtures";

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => {
  worker = startInProcessWorker();
});
afterAll(() => worker.stop());

type Protection = { requiredGoes?: number | null; waitMinutes?: number; deployers?: ("admin" | "manager" | "approver" | "viewer")[] };

async function environment(prefix: string, protection: Protection = {}) {
  const name = `${prefix}-${uid()}`;
  await db().environment.create({
    data: {
      name,
      variables: {},
      requiredGoes: protection.requiredGoes ?? null,
      waitMinutes: protection.waitMinutes ?? 0,
      ...(protection.deployers ? { deployers: protection.deployers } : {}),
    },
  });
  return name;
}

const command = (text: string, cmd: string) => ({ kind: "command" as const, text, command: cmd });
const PROCEDURES: TemplateDraft["procedures"] = [
  { name: "Deploy", kind: "deploy", steps: [command("ship", "echo shipped")] },
  { name: "Smoke test", kind: "smoke", steps: [command("check", "echo healthy")] },
  { name: "Rollback", kind: "rollback", steps: [command("undo", "echo undone")] },
];

/** A template whose policy asks for `minGoes` gos (0: ready as soon as it exists). */
async function template(minGoes: number, procedures = PROCEDURES) {
  const t = await saveTemplate(
    { name: `Promotion ${uid()}`, phases: [{ title: "Launch", offsetMinutes: 0, items: [{ text: "Go", required: false, ownerRole: null }] }], procedures },
    null,
  );
  await db().approvalPolicy.create({ data: { templateId: t.id, releaseType: "regular", minGoes } });
  return t;
}

async function pathRelease(manager: Caller, path: string[], opts: { minGoes?: number; procedures?: TemplateDraft["procedures"] } = {}) {
  const t = await template(opts.minGoes ?? 0, opts.procedures);
  return createRelease(
    {
      templateId: t.id,
      name: `Promote ${uid()}`,
      version: "2.0.0",
      type: "regular",
      environment: path[0],
      path,
      scheduledAt: new Date("2030-01-01T00:00:00Z"),
      autoRollback: false,
    },
    manager,
  );
}

/** Puts an environment of the path where a verified deploy would (the worker's way is tested once, end to end). */
async function markVerified(releaseId: string, name: string, verifiedAt = new Date()) {
  await db().releaseEnvironment.updateMany({ where: { releaseId, environment: name }, data: { state: "deployed", deployedAt: verifiedAt, verifiedAt } });
  const path = await db().releaseEnvironment.findMany({ where: { releaseId }, orderBy: { position: "asc" } });
  const current = path.find((e) => e.state !== "deployed") ?? path[path.length - 1];
  await db().release.update({ where: { id: releaseId }, data: { status: "deploying", environment: current.environment } });
}

const pathOf = async (releaseId: string) =>
  (await db().releaseEnvironment.findMany({ where: { releaseId }, orderBy: { position: "asc" } })).map((e) => `${e.environment.split("-")[0]}:${e.state}`);

describe("POST /api/releases with a promotion path", () => {
  it("stores the path in order and shows it with the current environment; environment alone is a path of one", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const [staging, production] = [await environment("staging"), await environment("production")];
    const t = await template(0);
    const body = { templateId: t.id, name: `Path ${uid()}`, version: "1.0.0", type: "regular", scheduledAt: "2030-01-01T00:00:00Z" };
    const created = await callRoute(createReleaseRoute, "/api/releases", {}, { method: "POST", token, body: { ...body, environments: [staging, production] } });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const view = await (await callRoute(getReleaseRoute, `/api/releases/${id}`, { id }, { token })).json();
    expect(view).toMatchObject({
      environment: staging,
      currentEnvironment: staging,
      environments: [
        { name: staging, state: "pending" },
        { name: production, state: "pending" },
      ],
    });

    const single = await callRoute(createReleaseRoute, "/api/releases", {}, { method: "POST", token, body: { ...body, environment: "anything-goes" } });
    expect(single.status).toBe(201);
    expect(await single.json()).toMatchObject({ currentEnvironment: "anything-goes", environments: [{ name: "anything-goes", state: "pending" }] });
  });

  it("refuses an unknown environment (422 naming its index) and a repeat (422), and writes nothing", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const staging = await environment("staging");
    const t = await template(0);
    const body = { templateId: t.id, name: `Bad path ${uid()}`, version: "1.0.0", type: "regular", scheduledAt: "2030-01-01T00:00:00Z" };
    const unknown = await callRoute(
      createReleaseRoute,
      "/api/releases",
      {},
      { method: "POST", token, body: { ...body, environments: [staging, "nowhere-" + uid()] } },
    );
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toMatchObject({ error: { code: "UNPROCESSABLE", details: { field: "environments.1" } } });
    const repeat = await callRoute(createReleaseRoute, "/api/releases", {}, { method: "POST", token, body: { ...body, environments: [staging, staging] } });
    expect(repeat.status).toBe(422);
    expect(await repeat.json()).toMatchObject({ error: { code: "UNPROCESSABLE", details: { field: "environments.1" } } });
    expect(await db().release.count({ where: { name: body.name } })).toBe(0);
  });
});

describe("POST /api/releases/:id/runs along the path", () => {
  it("refuses production before staging is deployed and verified (409 NOT_PROMOTED naming staging)", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const [staging, production] = [await environment("staging"), await environment("production")];
    const release = await pathRelease(manager, [staging, production]);
    const res = await callRoute(
      startRunRoute,
      `/api/releases/${release.id}/runs`,
      { id: release.id },
      { method: "POST", token, body: { procedure: "deploy", environment: production } },
    );
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error).toMatchObject({ code: "NOT_PROMOTED", details: { environment: production, previous: staging, previousState: "pending" } });
    expect(body.error.message).toContain(staging);
    // Deployed but not yet verified is not enough either.
    await db().releaseEnvironment.updateMany({ where: { releaseId: release.id, environment: staging }, data: { state: "verifying" } });
    await expect(startRun(release.id, { procedure: "deploy", environment: production }, manager)).rejects.toMatchObject({
      code: "NOT_PROMOTED",
      details: { previousState: "verifying" },
    });
    // An environment that is not on the path is a 422.
    await expect(startRun(release.id, { procedure: "deploy", environment: "elsewhere" }, manager)).rejects.toMatchObject({
      status: 422,
      details: { field: "environment" },
    });
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);
  });

  it("deploys and verifies staging, then production; released only when the last environment is verified", async () => {
    const manager = await createCaller("manager");
    const [staging, production] = [await environment("staging"), await environment("production")];
    const release = await pathRelease(manager, [staging, production]);

    const { runId: stagingDeploy } = await startRun(release.id, { procedure: "deploy" }, manager);
    expect((await db().run.findUniqueOrThrow({ where: { id: stagingDeploy } })).environment).toBe(staging);
    await waitForRun(stagingDeploy, ["succeeded"]);
    await expect.poll(() => pathOf(release.id)).toEqual(["staging:verifying", "production:pending"]);
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("deploying");

    await waitForRun((await startRun(release.id, { procedure: "smoke" }, manager)).runId, ["succeeded"]);
    await expect.poll(() => pathOf(release.id)).toEqual(["staging:deployed", "production:pending"]);
    let row = await db().release.findUniqueOrThrow({ where: { id: release.id } });
    expect(row).toMatchObject({ status: "deploying", environment: production });

    // The default environment is now production.
    const { runId: productionDeploy } = await startRun(release.id, { procedure: "deploy" }, manager);
    expect((await db().run.findUniqueOrThrow({ where: { id: productionDeploy } })).environment).toBe(production);
    await waitForRun(productionDeploy, ["succeeded"]);
    await expect.poll(async () => (await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("verifying");
    await waitForRun((await startRun(release.id, { procedure: "smoke" }, manager)).runId, ["succeeded"]);
    await expect.poll(async () => (await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("released");
    expect(await pathOf(release.id)).toEqual(["staging:deployed", "production:deployed"]);
    row = await db().release.findUniqueOrThrow({ where: { id: release.id } });
    expect(row.environment).toBe(production);
  });

  it("rolls back one environment without touching the release's end: staging rolled back, the release still deploying", async () => {
    const manager = await createCaller("manager");
    const [staging, production] = [await environment("staging"), await environment("production")];
    const release = await pathRelease(manager, [staging, production]);
    await waitForRun((await startRun(release.id, { procedure: "deploy" }, manager)).runId, ["succeeded"]);
    await expect.poll(() => pathOf(release.id)).toEqual(["staging:verifying", "production:pending"]);
    // Rollback in production, where nothing was deployed: refused; in staging: never gated.
    await expect(startRun(release.id, { procedure: "rollback", environment: production }, manager)).rejects.toMatchObject({
      code: "LIFECYCLE",
      details: { environment: production, current: "pending" },
    });
    // Named or not: a rollback goes where a deploy started.
    const rollback = await startRun(release.id, { procedure: "rollback" }, manager);
    expect((await db().run.findUniqueOrThrow({ where: { id: rollback.runId } })).environment).toBe(staging);
    await waitForRun(rollback.runId, ["succeeded"]);
    await expect.poll(() => pathOf(release.id)).toEqual(["staging:rolled_back", "production:pending"]);
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("deploying");
  });

  it("holds production for its waitMinutes after staging was verified (409 WAITING with the time)", async () => {
    const manager = await createCaller("manager");
    const [staging, production] = [await environment("staging"), await environment("production", { waitMinutes: 30 })];
    const release = await pathRelease(manager, [staging, production]);
    const verifiedAt = new Date(Date.now() - 10 * 60_000);
    await markVerified(release.id, staging, verifiedAt);
    const until = new Date(verifiedAt.getTime() + 30 * 60_000).toISOString();
    await expect(startRun(release.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({
      status: 409,
      code: "WAITING",
      details: { environment: production, until },
    });
    // Once the wait is over, it goes.
    await markVerified(release.id, staging, new Date(Date.now() - 31 * 60_000));
    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    expect((await db().run.findUniqueOrThrow({ where: { id: runId } })).environment).toBe(production);
    await waitForRun(runId, ["succeeded", "failed"]);
  });

  it("applies each environment's protection: no go needed in staging (requiredGoes 0), production waits for 2 gos", async () => {
    const manager = await createCaller("manager");
    const [staging, production] = [await environment("staging", { requiredGoes: 0 }), await environment("production", { requiredGoes: 2 })];
    const release = await pathRelease(manager, [staging, production], { minGoes: 1 });
    // The release's policy asks for a go, but staging's rules say the go/no-go does not gate deploys there.
    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    await waitForRun(runId, ["succeeded"]);
    await expect.poll(() => pathOf(release.id)).toEqual(["staging:verifying", "production:pending"]);
    await markVerified(release.id, staging);
    await expect(startRun(release.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({
      code: "NOT_READY",
      details: { blockers: expect.arrayContaining(["It needs 2 more gos (0 of 2 so far)."]) },
    });
    for (const approver of [await createCaller("approver"), await createCaller("approver")]) await decide(release.id, { decision: "go" }, approver);
    const production1 = await startRun(release.id, { procedure: "deploy" }, manager);
    await waitForRun(production1.runId, ["succeeded"]);
  });

  it("applies each environment's deployers: staging open to managers, production admins only", async () => {
    const manager = await createCaller("manager");
    const [staging, production] = [await environment("staging"), await environment("production", { deployers: ["admin"] })];
    const release = await pathRelease(manager, [staging, production]);
    await markVerified(release.id, staging);
    await expect(startRun(release.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({ status: 403, details: { environment: production } });
    await expect(startRun(release.id, { procedure: "deploy", environment: staging }, manager)).resolves.toMatchObject({ runId: expect.any(String) });
  });

  it("locks each environment on its own: a deploy waiting in staging does not hold production", async () => {
    const manager = await createCaller("manager");
    const [staging, production] = [await environment("staging"), await environment("production")];
    const held = [{ name: "Deploy", kind: "deploy" as const, steps: [{ kind: "gate" as const, text: "Hold here" }] }];
    const first = await pathRelease(manager, [staging, production], { procedures: held });
    const second = await pathRelease(manager, [staging, production], { procedures: held });
    const { runId } = await startRun(first.id, { procedure: "deploy" }, manager);
    await expect(startRun(second.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({ code: "ENVIRONMENT_LOCKED", details: { runId } });
    await markVerified(second.id, staging);
    const other = await startRun(second.id, { procedure: "deploy" }, manager);
    expect((await db().environmentLock.findUniqueOrThrow({ where: { runId: other.runId } })).environment).toBe(production);
    expect((await db().environmentLock.findUniqueOrThrow({ where: { runId } })).environment).toBe(staging);
  });
});
