// Canary deploys end to end: a run expands the template's canary into stage steps, a real worker on the real
// queue runs them against a local service that records the weights it is sent and serves a scripted metric.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as stepActionRoute } from "@/app/api/runs/[runId]/steps/[stepId]/[action]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { canaryProgress } from "@/lib/canary/canary-progress";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getRun } from "@/lib/runs/get-run";
import { startRun } from "@/lib/runs/start-run";
import { addTemplateStep } from "@/lib/templates/edit/template-step-edits";
import { getTemplate } from "@/lib/templates/get-template";
import { getTimeline } from "@/lib/timeline/get-timeline";
import { createCaller, createTemplateFixture } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun, canaryStep } from "@/test/run-fixtures";
import { waitFor } from "@/test/wait-for";
import type { WatchSample } from "@/lib/schemas/step";

/**
 * The service under deploy: POST /weight/<n> sets the canary's weight, POST /rollback records a rollback,
 * GET /metrics answers `{ errorRate }`: 0.1 until `breakAfter` samples have been read at weight `breakAt`,
 * then 5 (the script of a canary that goes bad in one stage).
 */
function scriptedService(script: { breakAt?: number; breakAfter?: number }) {
  const log: string[] = [];
  let weight = 0;
  const readsAt = new Map<number, number>();
  const server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    const set = /^\/weight\/(\d+)$/.exec(url);
    if (req.method === "POST" && set) {
      weight = Number(set[1]);
      log.push(`weight ${weight}`);
      return res.writeHead(200).end(`weight=${weight}\n`);
    }
    if (req.method === "POST" && url === "/rollback") {
      log.push("rollback");
      return res.writeHead(200).end("rolled back\n");
    }
    if (url === "/metrics") {
      const n = (readsAt.get(weight) ?? 0) + 1;
      readsAt.set(weight, n);
      const bad = weight === script.breakAt && n > (script.breakAfter ?? Infinity);
      log.push(`metric ${weight}#${n}`);
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errorRate: bad ? 5 : 0.1 }));
    }
    res.writeHead(404).end();
  });
  return { server, log };
}

async function listen(server: http.Server) {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => void (worker = startInProcessWorker()));
afterAll(async () => worker.stop());

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
function act(runId: string, stepId: string, action: string, token: string) {
  const req = new NextRequest(`http://countdown.test/api/runs/${runId}/steps/${stepId}/${action}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  });
  return (stepActionRoute as Handler)(req, { params: Promise.resolve({ runId, stepId, action }) });
}

describe("canary deploys", () => {
  it("fails on the sample that breaches in stage 2, keeps every sample for the chart, and rolls back", async () => {
    const svc = scriptedService({ breakAt: 50, breakAfter: 3 });
    const url = await listen(svc.server);
    try {
      const manager = await createCaller("manager");
      const release = await releaseWithProcedures(
        manager,
        [
          {
            name: "Deploy",
            kind: "deploy",
            steps: [
              canaryStep(url, [
                { weight: 10, bakeSec: 1, promotion: "auto" },
                { weight: 50, bakeSec: 30, promotion: "auto" },
                { weight: 100, bakeSec: 1, promotion: "auto" },
              ]),
            ],
          },
          { name: "Rollback", kind: "rollback", steps: [{ kind: "command", text: "roll back", command: `curl -fsS -X POST ${url}/rollback` }] },
        ],
        { autoRollback: true },
      );
      const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);
      const run = await waitForRun(runId, ["failed", "succeeded"], 45_000);
      expect(run.status).toBe("failed");
      expect(run.steps.map((s) => [s.stage, s.weight, s.kind, s.status])).toEqual([
        [1, 10, "command", "succeeded"],
        [1, 10, "watch", "succeeded"],
        [2, 50, "command", "succeeded"],
        [2, 50, "watch", "failed"],
        [3, 100, "command", "pending"],
        [3, 100, "watch", "pending"],
      ]);
      const stage2 = run.steps[3].result as { samples: WatchSample[]; breachedAt: number };
      expect(stage2.breachedAt).toBe(4);
      expect(stage2.samples.map((s) => [s.n, s.value, s.healthy])).toEqual([
        [1, 0.1, true],
        [2, 0.1, true],
        [3, 0.1, true],
        [4, 5, false],
      ]);
      // Every metric read the service served is a stored sample, in both stages, and was streamed as an event.
      const stage1 = run.steps[1].result as { samples: WatchSample[] };
      const reads = svc.log.filter((l) => l.startsWith("metric"));
      expect(stage1.samples.length + stage2.samples.length).toBe(reads.length);
      expect(reads).toEqual([...stage1.samples.map((s) => `metric 10#${s.n}`), ...stage2.samples.map((s) => `metric 50#${s.n}`)]);
      const sampleEvents = await db().event.count({ where: { releaseId: release.id, type: "step.sample" } });
      expect(sampleEvents).toBe(reads.length);
      expect(canaryProgress(run.steps)).toEqual({
        currentWeight: 50,
        stages: [
          { stage: 1, weight: 10, state: "promoted" },
          { stage: 2, weight: 50, state: "failed" },
          { stage: 3, weight: 100, state: "pending" },
        ],
      });

      // The automatic rollback is started just after the run is marked failed.
      const rollback = await waitFor("the automatic rollback to start", () => db().run.findFirst({ where: { triggeredByRunId: runId } }), 10_000, 100);
      expect((await waitForRun(rollback.id, ["succeeded", "failed"])).status).toBe("succeeded");
      expect(svc.log.filter((l) => !l.startsWith("metric"))).toEqual(["weight 10", "weight 50", "rollback"]);

      // Stakeholders see the stages and the chart's numbers, never the metric's URL or the weight command.
      const timeline = await getTimeline(release.id);
      const deployRun = timeline.runs.find((r) => r.id === runId)!;
      expect(deployRun.canary?.stages.map((s) => s.state)).toEqual(["promoted", "failed", "pending"]);
      expect(deployRun.steps[3].chart?.samples.map((s) => s.value)).toEqual([0.1, 0.1, 0.1, 5]);
      expect(deployRun.steps[3].chart?.healthy).toEqual({ op: "<", value: 1 });
      const json = JSON.stringify(timeline);
      expect(json).not.toContain(url.replace("http://", ""));
      expect(json).not.toContain("curl");
    } finally {
      await new Promise((r) => svc.server.close(r));
    }
  });

  it("promotes stage 1 on its own, waits at stage 2's gate until an allowed user approves it, then finishes at 100 %", async () => {
    const svc = scriptedService({});
    const url = await listen(svc.server);
    try {
      const manager = await createCaller("manager");
      const approver = await createCaller("approver", ["lead"]);
      const release = await releaseWithProcedures(manager, [
        {
          name: "Deploy",
          kind: "deploy",
          steps: [
            { kind: "command", text: "ship", command: "echo shipping" },
            canaryStep(url, [
              { weight: 10, bakeSec: 1, promotion: "auto" },
              { weight: 50, bakeSec: 1, promotion: "manual" },
              { weight: 100, bakeSec: 0, promotion: "auto" },
            ]),
          ],
        },
      ]);
      const { runId } = await startRun(release.id, { procedure: "deploy" }, manager);

      const view = await waitFor(
        "the canary to wait at its gate",
        async () => {
          const now = await getRun(runId, { detail: true });
          expect(["queued", "running"]).toContain(now.status);
          return now.steps.some((s) => s.kind === "gate" && s.status === "waiting") ? now : null;
        },
        30_000,
        100,
      );
      expect(view.canary).toEqual({
        currentWeight: 50,
        stages: [
          { stage: 1, weight: 10, state: "promoted" },
          { stage: 2, weight: 50, state: "waiting" },
          { stage: 3, weight: 100, state: "pending" },
        ],
      });
      expect(svc.log.filter((l) => l.startsWith("weight"))).toEqual(["weight 10", "weight 50"]);
      const gate = view.steps.find((s) => s.kind === "gate")!;
      // Parked at the gate, the run has no worker by design: an old heartbeat is not flagged.
      await db().run.update({ where: { id: runId }, data: { heartbeatAt: new Date(Date.now() - 10 * 60_000) } });
      expect((await getRun(runId, { detail: false })).heartbeatStale).toBe(false);
      expect(gate.text).toBe("Canary 2/3 (50 %): promote to 100 %?");

      // An approver may not drive a run; the release manager may.
      expect((await act(runId, gate.id, "continue", await createApiToken(approver.id, "test"))).status).toBe(403);
      await new Promise((r) => setTimeout(r, 300));
      expect(svc.log.filter((l) => l.startsWith("weight"))).toEqual(["weight 10", "weight 50"]);
      const res = await act(runId, gate.id, "continue", await createApiToken(manager.id, "test"));
      expect(res.status).toBe(200);

      const done = await waitForRun(runId, ["succeeded", "failed"]);
      expect(done.status).toBe("succeeded");
      expect(svc.log.filter((l) => l.startsWith("weight"))).toEqual(["weight 10", "weight 50", "weight 100"]);
      expect(canaryProgress(done.steps)).toEqual({
        currentWeight: 100,
        stages: [1, 2, 3].map((stage, i) => ({ stage, weight: [10, 50, 100][i], state: "promoted" })),
      });
      // The weight command got the stage's weight substituted: its output is the service's answer.
      const output = await db().outputLine.findMany({ where: { runId }, orderBy: { seq: "asc" } });
      expect(output.filter((l) => l.line.startsWith("weight=")).map((l) => l.line)).toEqual(["weight=10", "weight=50", "weight=100"]);
      const commands = done.steps.filter((s) => s.kind === "command" && s.stage !== null).map((s) => (s.config as { command: string }).command);
      expect(commands).toEqual([10, 50, 100].map((w) => `curl -fsS -X POST ${url}/weight/${w}`));
      // bakeSec 0 with a watch: a single sample, then promoted.
      expect((done.steps.at(-1)!.result as { samples: unknown[] }).samples).toHaveLength(1);
    } finally {
      await new Promise((r) => svc.server.close(r));
    }
  });

  it("refuses bad stage lists with the field's path, and a canary outside a deploy procedure", async () => {
    const t = await getTemplate((await createTemplateFixture()).id);
    const deploy = t.procedures[0];
    const base = {
      weightCommand: "set-weight {{weight}}",
      stages: [
        { weight: 5, bakeSec: 60 },
        { weight: 25, bakeSec: 60 },
      ],
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, stages: [] }, "config.stages"],
      [
        {
          ...base,
          stages: [
            { weight: 25, bakeSec: 1 },
            { weight: 25, bakeSec: 1 },
          ],
        },
        "config.stages.1.weight",
      ],
      [
        {
          ...base,
          stages: [
            { weight: 50, bakeSec: 1 },
            { weight: 101, bakeSec: 1 },
          ],
        },
        "config.stages.1.weight",
      ],
      [{ ...base, stages: [{ weight: 0, bakeSec: 1 }] }, "config.stages.0.weight"],
      [{ ...base, stages: [{ weight: 10, bakeSec: -1 }] }, "config.stages.0.bakeSec"],
      [{ ...base, stages: [{ weight: "10; rm -rf /", bakeSec: 1 }] }, "config.stages.0.weight"],
      [{ ...base, weightCommand: "set-weight 10" }, "config.weightCommand"],
    ];
    for (const [config, field] of cases) {
      const err = await addTemplateStep(t.id, { procedureId: deploy.id, kind: "canary", text: "Canary", config, version: t.version }).catch((e: unknown) => e);
      expect(err, field).toBeInstanceOf(AppError);
      expect(err, field).toMatchObject({ status: 422, details: { field } });
    }
    const ok = await addTemplateStep(t.id, { procedureId: deploy.id, kind: "canary", text: "Canary", config: base, version: t.version });
    expect((await getTemplate(t.id)).procedures[0].steps.at(-1)).toMatchObject({
      kind: "canary",
      stages: [
        { weight: 5, promotion: "auto" },
        { weight: 25, promotion: "auto" },
      ],
    });
    // A stale version is refused like every other template edit.
    await expect(addTemplateStep(t.id, { procedureId: deploy.id, kind: "canary", text: "Canary", config: base, version: t.version })).rejects.toMatchObject({
      status: 409,
    });

    const smoke = await createTemplateFixture({ name: "Smoke only", phases: [], procedures: [{ name: "Smoke", kind: "smoke", steps: [] }] });
    const s = await getTemplate(smoke.id);
    await expect(
      addTemplateStep(s.id, { procedureId: s.procedures[0].id, kind: "canary", text: "Canary", config: base, version: s.version }),
    ).rejects.toMatchObject({ status: 422, details: { field: "kind" } });
    expect(ok.version).toBe(t.version + 1);
  });
});
