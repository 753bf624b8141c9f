// Issue 15: a smoke test before any deploy moves nothing; every action that can change a target is gated when it
// happens (starting a run of any kind but rollback, retrying or skipping a step, continuing a gate).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as startRunRoute } from "@/app/api/releases/[id]/runs/route";
import { POST as stepActionRoute } from "@/app/api/runs/[runId]/steps/[stepId]/[action]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { decide } from "@/lib/decisions/decide";
import { withdrawDecision } from "@/lib/decisions/withdraw-decision";
import { startRun } from "@/lib/runs/start-run";
import { callRoute } from "@/test/call-route";
import { createCaller, uid } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";
import { waitFor } from "@/test/wait-for";

let worker: ReturnType<typeof startInProcessWorker>;
let target: http.Server;
let targetUrl: string;

beforeAll(async () => {
  worker = startInProcessWorker();
  target = http.createServer((req, res) => {
    if (req.url === "/health") res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    else res.writeHead(503).end("down");
  });
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await worker.stop();
  await new Promise((r) => target.close(r));
});

type ErrorBody = { error: { code: string; message: string; details?: { blockers?: string[]; current?: string; attempted?: string } } };

const httpCheck = (text: string, pathname: string) => ({
  kind: "http" as const,
  text,
  request: { method: "GET" as const, url: `${targetUrl}${pathname}`, headers: {} },
  expect: { status: { anyOf: [200] } },
});
const command = (text: string, cmd: string) => ({ kind: "command" as const, text, command: cmd });
const statusOf = async (releaseId: string) => (await db().release.findUniqueOrThrow({ where: { id: releaseId } })).status;

const markers: string[] = [];

/** A deploy step that fails the first time it runs and succeeds when retried. */
function flakyDeploy() {
  const marker = path.join(os.tmpdir(), `countdown-flaky-${uid()}`);
  markers.push(marker);
  return command("ship", `if [ -f ${marker} ]; then echo shipped; else touch ${marker}; echo first try fails; exit 1; fi`);
}

const act = async (runId: string, stepId: string, action: string, token: string, body?: unknown) =>
  callRoute(stepActionRoute, `/api/runs/${runId}/steps/${stepId}/${action}`, { runId, stepId, action }, { method: "POST", token, body });

describe("a smoke test before any deploy is a pre-flight check", () => {
  it("runs on a scheduled release, passed or failed, and leaves it scheduled without a rollback", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(
      manager,
      [
        { name: "Deploy", kind: "deploy", steps: [command("ship", "echo shipped")] },
        { name: "Smoke test", kind: "smoke", steps: [httpCheck("Health endpoint answers 200", "/health")] },
        { name: "Broken smoke", kind: "smoke", steps: [httpCheck("Broken page answers 200", "/broken")] },
        { name: "Rollback", kind: "rollback", steps: [command("undo", "echo rolled back")] },
      ],
      { ready: false, autoRollback: true },
    );
    expect(release.status).toBe("scheduled");
    const token = await createApiToken(manager.id, "t");
    const started = await callRoute(
      startRunRoute,
      `/api/releases/${release.id}/runs`,
      { id: release.id },
      { method: "POST", token, body: { procedure: "Smoke test" } },
    );
    expect(started.status).toBe(202);
    const passed = await waitForRun(((await started.json()) as { runId: string }).runId, ["succeeded", "failed"]);
    expect(passed.status).toBe("succeeded");
    expect(passed.startedInStatus).toBe("scheduled");

    const failed = await waitForRun((await startRun(release.id, { procedure: "Broken smoke" }, manager)).runId, ["succeeded", "failed"]);
    expect(failed.status).toBe("failed");
    await new Promise((r) => setTimeout(r, 500));
    expect(await statusOf(release.id)).toBe("scheduled");
    expect(await db().run.count({ where: { releaseId: release.id, procedureKind: "rollback" } })).toBe(0);
    expect(await db().event.count({ where: { releaseId: release.id, type: "release.status" } })).toBe(0);
  });

  it("releases only after a smoke test started once the deploy succeeded", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [
      { name: "Deploy", kind: "deploy", steps: [command("ship", "echo shipped")] },
      { name: "Smoke test", kind: "smoke", steps: [httpCheck("health", "/health")] },
    ]);
    await waitForRun((await startRun(release.id, { procedure: "deploy" }, manager)).runId, ["succeeded"]);
    await waitFor("the release to be verifying", async () => (await statusOf(release.id)) === "verifying");
    await waitForRun((await startRun(release.id, { procedure: "smoke" }, manager)).runId, ["succeeded"]);
    await waitFor("the release to be released", async () => (await statusOf(release.id)) === "released");
    // Final: nothing starts any more, not even a rollback.
    await expect(startRun(release.id, { procedure: "deploy" }, manager)).rejects.toMatchObject({
      status: 409,
      code: "LIFECYCLE",
      details: { current: "released" },
    });
  });
});

describe("deploy commands in a procedure of another kind", () => {
  it("are gated: custom and verify procedures that can change a target answer 409 NOT_READY on a release that is not ready", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(
      manager,
      [
        { name: "Hotpatch", kind: "custom", steps: [command("deploy by hand", "kubectl set image deploy/web web=web:2")] },
        { name: "Verify", kind: "verify", steps: [httpCheck("health", "/health"), command("deploy by hand", "kubectl set image deploy/web web=web:2")] },
        {
          name: "Write check",
          kind: "smoke",
          steps: [
            {
              kind: "http",
              text: "deploy over HTTP",
              request: { method: "POST", url: `${targetUrl}/admin/deploy`, headers: {} },
              expect: { status: { anyOf: [200] } },
            },
          ],
        },
      ],
      { ready: false },
    );
    const token = await createApiToken(manager.id, "t");
    for (const procedure of ["Hotpatch", "Verify", "Write check"]) {
      const res = await callRoute(startRunRoute, `/api/releases/${release.id}/runs`, { id: release.id }, { method: "POST", token, body: { procedure } });
      expect(res.status, procedure).toBe(409);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.code, procedure).toBe("NOT_READY");
      expect(error.details?.blockers, procedure).toEqual(["It needs 2 more gos (0 of 2 so far).", expect.stringMatching(/^It needs 1 more go from lead/)]);
    }
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);
  });
});

describe("going on with a stopped deploy is gated like starting it", () => {
  it("refuses retrying or skipping a failed deploy step while a no-go stands; after it is withdrawn the retry deploys", async () => {
    const manager = await createCaller("manager");
    const approver = await createCaller("approver", ["lead"]);
    const release = await releaseWithProcedures(manager, [{ name: "Deploy", kind: "deploy", steps: [flakyDeploy()] }]);
    const run = await waitForRun((await startRun(release.id, { procedure: "deploy" }, manager)).runId, ["failed"]);
    expect(await statusOf(release.id)).toBe("deploying");
    await decide(release.id, { decision: "no-go", comment: "error rate is climbing in the canary region" }, approver);

    const token = await createApiToken(manager.id, "t");
    for (const action of ["retry", "skip"]) {
      const res = await act(run.id, run.steps[0].id, action, token);
      expect(res.status, action).toBe(409);
      const { error } = (await res.json()) as ErrorBody;
      expect(error.code).toBe("NOT_READY");
      expect(error.details?.blockers).toEqual(['Test approver said no-go: "error rate is climbing in the canary region".']);
    }
    // Refused: nothing changed on the run.
    const after = await db().run.findUniqueOrThrow({ where: { id: run.id }, include: { steps: true } });
    expect([after.status, after.steps[0].status]).toEqual(["failed", "failed"]);

    await withdrawDecision(release.id, approver);
    expect((await act(run.id, run.steps[0].id, "retry", token)).status).toBe(200);
    expect((await waitForRun(run.id, ["succeeded", "failed"])).status).toBe("succeeded");
    await waitFor("the release to be verifying", async () => (await statusOf(release.id)) === "verifying");
  });

  it("refuses retrying a failed deploy of a rolled-back release (409 LIFECYCLE), which stays rolled back", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(
      manager,
      [
        { name: "Deploy", kind: "deploy", steps: [flakyDeploy()] },
        { name: "Rollback", kind: "rollback", steps: [command("undo", "echo rolled back")] },
      ],
      { autoRollback: true },
    );
    const run = await waitForRun((await startRun(release.id, { procedure: "deploy" }, manager)).runId, ["failed"]);
    await waitFor("the release to be rolled back", async () => (await statusOf(release.id)) === "rolled_back");
    const res = await act(run.id, run.steps[0].id, "retry", await createApiToken(manager.id, "t"));
    expect(res.status).toBe(409);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "LIFECYCLE", details: { current: "rolled_back", attempted: "deploy.start" } });
    await new Promise((r) => setTimeout(r, 300));
    expect((await db().run.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("failed");
    expect(await statusOf(release.id)).toBe("rolled_back");
  });

  it("refuses continuing a deploy's gate during a freeze, unless an admin overrides with a reason", async () => {
    const manager = await createCaller("manager");
    const environment = `frozen-${uid()}`;
    const release = await releaseWithProcedures(
      manager,
      [{ name: "Deploy", kind: "deploy", steps: [{ kind: "gate", text: "Promote to 100 %?" }, command("ship", "echo shipped")] }],
      { environment },
    );
    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    const gate = await waitFor("the gate to wait", async () => db().runStep.findFirst({ where: { runId, kind: "gate", status: "waiting" } }));
    await db().freezeWindow.create({
      data: { environment, kind: "one_off", reason: "Black Friday", startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000) },
    });

    const res = await act(runId, gate.id, "continue", await createApiToken(manager.id, "t"));
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as ErrorBody;
    expect(error.code).toBe("NOT_READY");
    expect(error.details?.blockers?.[0]).toMatch(new RegExp(`^${environment} is frozen until .*: Black Friday\\.$`));
    expect((await db().runStep.findUniqueOrThrow({ where: { id: gate.id } })).status).toBe("waiting");

    const admin = await createCaller("admin");
    const overridden = await act(runId, gate.id, "continue", await createApiToken(admin.id, "t"), {
      override: { reason: "The fix must ship before the sale" },
    });
    expect(overridden.status).toBe(200);
    expect((await waitForRun(runId, ["succeeded", "failed"])).status).toBe("succeeded");
    const override = await db().event.findFirst({ where: { releaseId: release.id, type: "deploy.override" } });
    expect(override).toMatchObject({ actorId: admin.id, payload: { reason: "The fix must ship before the sale", action: "continue" } });
  });

  it("never gates a rollback: it runs during a freeze and with a no-go standing", async () => {
    const manager = await createCaller("manager");
    const environment = `frozen-${uid()}`;
    const release = await releaseWithProcedures(manager, [{ name: "Rollback", kind: "rollback", steps: [command("undo", "echo rolled back")] }], {
      environment,
      status: "verifying",
    });
    await db().freezeWindow.create({
      data: { environment, kind: "one_off", reason: "Incident", startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000) },
    });
    await decide(release.id, { decision: "no-go", comment: "broken" }, await createCaller("approver"));
    await waitForRun((await startRun(release.id, { procedure: "rollback" }, manager)).runId, ["succeeded"]);
    await waitFor("the release to be rolled back", async () => (await statusOf(release.id)) === "rolled_back");
  });
});

afterAll(() => {
  for (const marker of markers) fs.rmSync(marker, { force: true });
});
