// The rollout controls of a canary (docs/canary.md): pause and resume a bake, promote to full, abort. A real worker
// on the real queue (Postgres, or Redis with COUNTDOWN_TEST_QUEUE=redis) runs the canary against a local service that
// records the weights it is sent; the controls go through the step action and abort routes.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as stepActionRoute } from "@/app/api/runs/[runId]/steps/[stepId]/[action]/route";
import { POST as abortRoute } from "@/app/api/runs/[runId]/abort/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { getRun } from "@/lib/runs/get-run";
import { startRun } from "@/lib/runs/start-run";
import type { Caller } from "@/lib/auth/roles";
import { createCaller, uid } from "@/test/factories";
import { callRoute } from "@/test/call-route";
import { releaseWithProcedures, startInProcessWorker, waitForRun, canaryStep } from "@/test/run-fixtures";

function weightService() {
  const weights: number[] = [];
  const server = http.createServer((req, res) => {
    const set = /^\/weight\/(\d+)$/.exec(req.url ?? "");
    if (req.method === "POST" && set) {
      weights.push(Number(set[1]));
      return res.writeHead(200).end(`weight=${set[1]}\n`);
    }
    if (req.url === "/metrics") return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errorRate: 0.1 }));
    res.writeHead(404).end();
  });
  return { server, weights };
}

let worker: ReturnType<typeof startInProcessWorker>;
let svc: ReturnType<typeof weightService>;
let url: string;
beforeAll(async () => {
  worker = startInProcessWorker();
  svc = weightService();
  await new Promise<void>((r) => svc.server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(svc.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await worker.stop();
  await new Promise((r) => svc.server.close(r));
});

const tokens = new Map<string, string>();
async function tokenOf(caller: Caller) {
  if (!tokens.has(caller.id)) tokens.set(caller.id, await createApiToken(caller.id, "test"));
  return tokens.get(caller.id)!;
}
async function act(runId: string, stepId: string, action: string, caller: Caller, body?: unknown) {
  const res = await callRoute(
    stepActionRoute,
    `/api/runs/${runId}/steps/${stepId}/${action}`,
    { runId, stepId, action },
    {
      method: "POST",
      token: await tokenOf(caller),
      body,
    },
  );
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; details?: unknown } } };
}
async function abort(runId: string, caller: Caller, body: unknown) {
  const res = await callRoute(abortRoute, `/api/runs/${runId}/abort`, { runId }, { method: "POST", token: await tokenOf(caller), body });
  return { status: res.status, body: (await res.json()) as { error?: { code: string; message: string; details?: unknown } } };
}

/** Polls the run until `found` picks a step out of it. */
async function waitForStep(runId: string, found: (steps: Awaited<ReturnType<typeof getRun>>["steps"]) => { id: string } | undefined, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await getRun(runId, { detail: true });
    const step = found(view.steps);
    if (step) return { view, step: view.steps.find((s) => s.id === step.id)! };
    if (Date.now() > deadline) throw new Error(`run ${runId} did not get there: ${view.steps.map((s) => s.status).join(",")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const weightsOf = (runWeights: number[], from: number) => runWeights.slice(from);

/** A release in its own environment (row included, so a test can change its rules), with the canary's deploy. */
async function canaryRelease(manager: Caller, stages: Parameters<typeof canaryStep>[1], deployers?: ("admin" | "manager")[]) {
  const environment = `env-${uid()}`;
  await db().environment.create({ data: { name: environment, ...(deployers ? { deployers } : {}) } });
  const release = await releaseWithProcedures(
    manager,
    [
      { name: "Deploy", kind: "deploy", steps: [{ kind: "command", text: "ship", command: "echo shipping" }, canaryStep(url, stages)] },
      { name: "Rollback", kind: "rollback", steps: [{ kind: "command", text: "roll back", command: "echo rolling back" }] },
    ],
    { environment },
  );
  return { release, environment };
}

describe("rollout controls", () => {
  it("pauses a bake (its clock stops across the worker) and resumes it; refuses the wrong step, state and role", async () => {
    const manager = await createCaller("manager");
    const approver = await createCaller("approver");
    const { release, environment } = await canaryRelease(manager, [
      { weight: 10, bakeSec: 3, promotion: "auto" },
      { weight: 100, bakeSec: 0, promotion: "auto" },
    ]);
    const seen = svc.weights.length;
    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    const { step: bake } = await waitForStep(runId, (steps) => steps.find((s) => s.kind === "watch" && s.stage === 1 && s.status === "running"));
    const ship = (await getRun(runId, { detail: true })).steps[0];

    expect((await act(runId, bake.id, "pause", approver)).status).toBe(403);
    const notBake = await act(runId, ship.id, "pause", manager);
    expect(notBake.status).toBe(409);
    expect(notBake.body.error?.message).toBe("Only a bake (a wait or a watch) can be paused; this step is a command");
    const notPaused = await act(runId, bake.id, "resume", manager);
    expect(notPaused).toMatchObject({ status: 409, body: { error: { message: "The bake is not paused" } } });

    expect((await act(runId, bake.id, "pause", manager)).status).toBe(200);
    const again = await act(runId, bake.id, "pause", manager);
    expect(again.status).toBe(409);
    expect(again.body.error?.message).toContain("already paused (by Test manager)");
    const paused = await getRun(runId, { detail: true });
    expect(paused.steps.find((s) => s.id === bake.id)?.paused).toMatchObject({ by: "Test manager" });

    // Paused for 4 s, longer than the whole bake: the bake still runs and stage 2 has not started.
    await sleep(4000);
    expect((await db().runStep.findUniqueOrThrow({ where: { id: bake.id } })).status).toBe("running");
    expect(weightsOf(svc.weights, seen)).toEqual([10]);

    // Resume is gated like any action that lets the run change the target: not while the environment wants a go.
    await db().environment.update({ where: { name: environment }, data: { requiredGoes: 1 } });
    const gated = await act(runId, bake.id, "resume", manager);
    expect(gated.status).toBe(409);
    expect(gated.body.error).toMatchObject({ code: "NOT_READY" });
    expect(gated.body.error?.message).toContain("cannot resume this bake");
    await db().environment.update({ where: { name: environment }, data: { requiredGoes: null } });
    expect((await db().runStep.findUniqueOrThrow({ where: { id: bake.id } })).pausedAt).not.toBeNull();

    const resumedAt = Date.now();
    expect((await act(runId, bake.id, "resume", manager)).status).toBe(200);
    const done = await waitForRun(runId, ["succeeded", "failed", "needs_attention"]);
    expect(done.status).toBe("succeeded");
    // The bake went on for the rest of its 3 s after the resume: paused time did not count.
    const baked = done.steps.find((s) => s.id === bake.id)!;
    expect(baked.finishedAt!.getTime() - baked.startedAt!.getTime()).toBeGreaterThanOrEqual(3000 + 4000);
    expect(baked.finishedAt!.getTime()).toBeGreaterThan(resumedAt + 500);
    expect(baked.pausedMs).toBeGreaterThanOrEqual(4000);
    expect(weightsOf(svc.weights, seen)).toEqual([10, 100]);
    const output = await db().outputLine.findMany({ where: { stepId: bake.id }, orderBy: { seq: "asc" } });
    expect(output.some((l) => l.line.startsWith("sample"))).toBe(true);

    const events = await db().event.findMany({ where: { releaseId: release.id, type: { in: ["step.paused", "step.resumed"] } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.type, e.actorId])).toEqual([
      ["step.paused", manager.id],
      ["step.resumed", manager.id],
    ]);
    expect((events[1].payload as { pausedForMs: number }).pausedForMs).toBeGreaterThanOrEqual(4000);

    // After the run: the bake is no longer running.
    const late = await act(runId, bake.id, "pause", manager);
    expect(late).toMatchObject({ status: 409, body: { error: { message: "Only a running bake can be paused; this one is succeeded" } } });
  });

  it("promotes to full during a bake: the bake stops, the stages before the last are skipped and recorded, the run ends at 100 %", async () => {
    const manager = await createCaller("manager");
    const { release } = await canaryRelease(manager, [
      { weight: 10, bakeSec: 30, promotion: "auto" },
      { weight: 50, bakeSec: 30, promotion: "manual" },
      { weight: 100, bakeSec: 1, promotion: "auto" },
    ]);
    const seen = svc.weights.length;
    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    const { step: bake } = await waitForStep(runId, (steps) => steps.find((s) => s.kind === "watch" && s.stage === 1 && s.status === "running"));
    const started = Date.now();
    const res = await act(runId, bake.id, "promote-to-full", manager);
    expect(res.status).toBe(200);
    const done = await waitForRun(runId, ["succeeded", "failed", "needs_attention"]);
    expect(done.status).toBe("succeeded");
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(weightsOf(svc.weights, seen)).toEqual([10, 100]);
    expect(done.steps.map((s) => [s.stage, s.kind, s.status])).toEqual([
      [null, "command", "succeeded"],
      [1, "command", "succeeded"],
      [1, "watch", "skipped"],
      [2, "command", "skipped"],
      [2, "watch", "skipped"],
      [2, "gate", "skipped"],
      [3, "command", "succeeded"],
      [3, "watch", "succeeded"],
    ]);
    expect(done.steps[2].result).toMatchObject({ skippedBy: "Test manager", promotedToFull: true });
    const event = await db().event.findFirstOrThrow({ where: { releaseId: release.id, type: "canary.promoted-to-full" } });
    expect(event.actorId).toBe(manager.id);
    expect(event.payload).toMatchObject({ runId, fromWeight: 10, toWeight: 100 });
    expect((event.payload as { skipped: { stepId: string }[] }).skipped.map((s) => s.stepId)).toEqual(done.steps.slice(2, 6).map((s) => s.id));
  });

  it("promotes to full at a gate (the parked run is queued again); gated, and refused outside a canary, in the last stage and for other roles", async () => {
    const manager = await createCaller("manager");
    const approver = await createCaller("approver");
    const { release, environment } = await canaryRelease(manager, [
      { weight: 10, bakeSec: 0, promotion: "auto" },
      { weight: 25, bakeSec: 0, promotion: "manual" },
      { weight: 50, bakeSec: 30, promotion: "auto" },
      { weight: 100, bakeSec: 0, promotion: "auto" },
    ]);
    const seen = svc.weights.length;
    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    const { step: gate, view } = await waitForStep(runId, (steps) => steps.find((s) => s.kind === "gate" && s.status === "waiting"));
    expect(gate.text).toBe("Canary 2/4 (25 %): promote to 50 %?");

    expect((await act(runId, gate.id, "promote-to-full", approver)).status).toBe(403);
    const outside = await act(runId, view.steps[0].id, "promote-to-full", manager);
    expect(outside).toMatchObject({ status: 409, body: { error: { message: "Only a step of a canary can be promoted to full" } } });
    const unknown = await act(runId, gate.id, "promote-to-everything", manager);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error?.code).toBe("NOT_FOUND");

    // Gated: while the environment wants a go, nothing is skipped.
    await db().environment.update({ where: { name: environment }, data: { requiredGoes: 1 } });
    const gated = await act(runId, gate.id, "promote-to-full", manager);
    expect(gated.status).toBe(409);
    expect(gated.body.error?.message).toContain("cannot promote this canary to full");
    expect((await db().runStep.findUniqueOrThrow({ where: { id: gate.id } })).status).toBe("waiting");
    await db().environment.update({ where: { name: environment }, data: { requiredGoes: null } });

    expect((await act(runId, gate.id, "promote-to-full", manager)).status).toBe(200);
    const done = await waitForRun(runId, ["succeeded", "failed", "needs_attention"]);
    expect(done.status).toBe("succeeded");
    expect(weightsOf(svc.weights, seen)).toEqual([10, 25, 100]);
    expect(done.steps.filter((s) => s.status === "skipped").map((s) => [s.stage, s.kind])).toEqual([
      [2, "gate"],
      [3, "command"],
      [3, "watch"],
    ]);
    const last = done.steps.find((s) => s.stage === 4 && s.kind === "watch")!;
    expect((await act(runId, last.id, "promote-to-full", manager)).body.error?.message).toBe(
      "A canary is promoted to full at its waiting gate or during a bake; this step is succeeded",
    );
  });

  it("refuses a promotion in the canary's last stage", async () => {
    const manager = await createCaller("manager");
    const { release } = await canaryRelease(manager, [
      { weight: 10, bakeSec: 0, promotion: "auto" },
      { weight: 100, bakeSec: 30, promotion: "auto" },
    ]);
    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    const { step } = await waitForStep(runId, (steps) => steps.find((s) => s.kind === "watch" && s.stage === 2 && s.status === "running"));
    const res = await act(runId, step.id, "promote-to-full", manager);
    expect(res).toMatchObject({ status: 409, body: { error: { message: "The canary is already at its last stage (100 %)" } } });
    expect((await abort(runId, manager, { reason: "end of test" })).status).toBe(200);
  });

  it("only the environment's deployers drive its runs", async () => {
    const admin = await createCaller("admin");
    const manager = await createCaller("manager");
    const { release } = await canaryRelease(
      admin,
      [
        { weight: 10, bakeSec: 30, promotion: "auto" },
        { weight: 100, bakeSec: 0, promotion: "auto" },
      ],
      ["admin"],
    );
    const { runId } = await startRun(release.id, { procedure: "deploy" }, admin);
    const { step } = await waitForStep(runId, (steps) => steps.find((s) => s.kind === "watch" && s.status === "running"));
    for (const action of ["pause", "promote-to-full"]) {
      const res = await act(runId, step.id, action, manager);
      expect(res.status, action).toBe(403);
      expect(res.body.error?.message).toContain("Only admins may start runs");
    }
    expect((await abort(runId, manager, { reason: "not mine" })).status).toBe(403);
    expect((await act(runId, step.id, "pause", admin)).status).toBe(200);
    expect((await abort(runId, admin, { reason: "end of test" })).status).toBe(200);
  });

  it("aborts a paused canary with a reason: the worker stops, the run ends cancelled with who and why, and a rollback may start", async () => {
    const manager = await createCaller("manager");
    const approver = await createCaller("approver");
    const { release } = await canaryRelease(manager, [
      { weight: 10, bakeSec: 30, promotion: "auto" },
      { weight: 100, bakeSec: 0, promotion: "auto" },
    ]);
    const seen = svc.weights.length;
    const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
    const { step: bake } = await waitForStep(runId, (steps) => steps.find((s) => s.kind === "watch" && s.status === "running"));
    expect((await act(runId, bake.id, "pause", manager)).status).toBe(200);

    expect((await abort(runId, approver, { reason: "not mine" })).status).toBe(403);
    const noReason = await abort(runId, manager, {});
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain("reason");
    expect((await abort(runId, manager, { reason: "error budget spent", force: true })).status).toBe(400);

    expect((await abort(runId, manager, { reason: "error budget spent" })).status).toBe(200);
    const run = await waitForRun(runId, ["cancelled"]);
    expect(run).toMatchObject({ abortedBy: "Test manager", abortReason: "error budget spent" });
    // The worker let go of the bake within moments (cancelled, not left running).
    const deadline = Date.now() + 10_000;
    while ((await db().runStep.findUniqueOrThrow({ where: { id: bake.id } })).status === "running") {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(100);
    }
    expect((await db().runStep.findUniqueOrThrow({ where: { id: bake.id } })).status).toBe("cancelled");
    expect(weightsOf(svc.weights, seen)).toEqual([10]);
    expect((await getRun(runId, { detail: false })).abort).toEqual({ by: "Test manager", reason: "error budget spent" });

    const again = await abort(runId, manager, { reason: "twice" });
    expect(again).toMatchObject({ status: 409, body: { error: { message: "Only a run that is going on can be aborted; this one is cancelled" } } });
    const event = await db().event.findFirstOrThrow({ where: { releaseId: release.id, type: "run.aborted" } });
    expect(event).toMatchObject({ actorId: manager.id, payload: { runId, reason: "error budget spent", abortedBy: "Test manager" } });

    // The environment is free and the lifecycle offers the way out.
    const { runId: rollbackId } = await startRun(release.id, { procedure: "rollback" }, manager);
    expect((await waitForRun(rollbackId, ["succeeded", "failed"])).status).toBe("succeeded");
  });
});
