import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sealSecret } from "@/lib/secrets/secret-box";
import { cancelRun } from "@/lib/runs/cancel-run";
import { getRun } from "@/lib/runs/get-run";
import { startRun } from "@/lib/runs/start-run";
import { readReleaseLog } from "@/lib/stream/read-release-log";
import { createCaller, uid } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";
import { waitFor } from "@/test/wait-for";

let worker: ReturnType<typeof startInProcessWorker>;
let target: http.Server;
let targetUrl: string;

beforeAll(async () => {
  worker = startInProcessWorker();
  target = http.createServer((req, res) => {
    if (req.url === "/health") res.writeHead(200, { "content-type": "application/json", "strict-transport-security": "max-age=1" }).end('{"status":"ok"}');
    else res.writeHead(503).end("down");
  });
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await worker.stop();
  await new Promise((r) => target.close(r));
});

const command = (text: string, cmd: string, timeoutSec?: number) => ({ kind: "command" as const, text, command: cmd, ...(timeoutSec ? { timeoutSec } : {}) });

describe("running procedures", () => {
  it("runs on the queue backend this test run asked for (COUNTDOWN_TEST_QUEUE=redis, else PostgreSQL)", async () => {
    const { queueBackend } = await import("@/lib/queue/backend");
    expect(queueBackend().kind).toBe(process.env.COUNTDOWN_TEST_QUEUE === "redis" ? "redis" : "postgres");
  });

  it("streams 10,000 lines of a command in order, nothing lost", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [{ name: "Verify", kind: "verify", steps: [command("count", "seq 1 10000")] }]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    const run = await waitForRun(runId, ["succeeded", "failed"]);
    expect(run.status).toBe("succeeded");
    const lines = await db().outputLine.findMany({ where: { runId }, orderBy: { seq: "asc" } });
    expect(lines.map((l) => l.line)).toEqual(Array.from({ length: 10_000 }, (_, i) => String(i + 1)));
    // The stream's view: every seq once, increasing, events and lines interleaved.
    const seen: number[] = [];
    for (let after = 0; ;) {
      const batch = await readReleaseLog(release.id, after, "full");
      if (!batch.length) break;
      seen.push(...batch.map((m) => m.seq));
      after = batch[batch.length - 1].seq;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(10_000);
    const types = (await readReleaseLog(release.id, 0, "full", 100_000)).map((m) => m.type).filter((t) => t !== "output");
    // The fixture's release is ready from the start; a verify run that was not started after a deploy is a
    // pre-flight check and moves nothing when it ends.
    expect(types).toEqual(["release.created", "release.status", "run.requested", "run.started", "step.started", "step.succeeded", "run.succeeded"]);
  });

  it("stores each step's lines, then its end, then the next step's start (one statement per step end)", async () => {
    const manager = await createCaller("manager");
    const check = {
      kind: "http" as const,
      text: "health",
      request: { method: "GET" as const, url: `${targetUrl}/health`, headers: {} },
      expect: { status: { anyOf: [200] } },
    };
    const release = await releaseWithProcedures(manager, [
      { name: "Verify", kind: "verify", steps: [command("first", "echo one"), check, command("last", "echo two")] },
    ]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    expect((await waitForRun(runId, ["succeeded", "failed"])).status).toBe("succeeded");
    const log = (await readReleaseLog(release.id, 0, "full", 1_000)).filter((m) => m.type === "output" || m.type.startsWith("step."));
    const label = (m: (typeof log)[number]) => (m.type === "output" ? `output ${m.line}` : `${m.type} ${String(m.payload?.text)}`);
    const labels = log.map(label);
    expect(labels.filter((l) => !l.startsWith("output GET"))).toEqual([
      "step.started first",
      "output one",
      "step.succeeded first",
      "step.started health",
      "step.succeeded health",
      "step.started last",
      "output two",
      "step.succeeded last",
    ]);
    // The check's own line sits between its start and its end.
    expect(labels.findIndex((l) => l.startsWith("output GET"))).toBe(labels.indexOf("step.started health") + 1);
    const steps = await db().runStep.findMany({ where: { runId }, orderBy: { position: "asc" } });
    expect(steps.map((s) => s.attempts)).toEqual([1, 1, 1]);
    expect(steps.every((s) => s.startedAt && s.finishedAt && s.startedAt <= s.finishedAt)).toBe(true);
  });

  it("runs http checks that pass and fail as their expectations say", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [
      {
        name: "Smoke",
        kind: "smoke",
        steps: [
          {
            kind: "http",
            text: "health",
            request: { method: "GET", url: `${targetUrl}/health`, headers: {} },
            expect: { status: { anyOf: [200] }, headerPresent: ["strict-transport"], bodyContains: ["ok"] },
          },
          { kind: "http", text: "broken", request: { method: "GET", url: `${targetUrl}/broken`, headers: {} }, expect: { status: { anyOf: [200] } } },
          command("never", "echo never"),
        ],
      },
    ]);
    const { runId } = await startRun(release.id, { procedure: "smoke" }, manager);
    const run = await waitForRun(runId, ["succeeded", "failed"]);
    expect(run.status).toBe("failed");
    expect(run.steps.map((s) => s.status)).toEqual(["succeeded", "failed", "pending"]);
    const view = await getRun(runId, { detail: true });
    expect(JSON.stringify(view.steps[1].result)).toContain("503");
  });

  it("cancel stops a long sleep and its process group", async () => {
    const manager = await createCaller("manager");
    // A unique duration marks the sleep process itself, so a survivor of the process group would be found.
    const marker = `120.${Date.now()}`;
    const release = await releaseWithProcedures(manager, [
      { name: "Verify", kind: "verify", steps: [command("sleep", `echo started; sleep ${marker}; echo after`)] },
    ]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    await waitForStep(runId, "running");
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await cancelRun(runId, manager);
    const run = await waitForRun(runId, ["cancelled"]);
    await waitFor("the step to be cancelled", async () => (await db().runStep.findFirstOrThrow({ where: { runId } })).status === "cancelled", 15_000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(run.status).toBe("cancelled");
    expect(await processesMatching(marker)).toBe(0);
  });

  it("fails a command that outlives its timeout", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [{ name: "Verify", kind: "verify", steps: [command("slow", "sleep 30", 1)] }]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    const run = await waitForRun(runId, ["failed", "succeeded"], 20_000);
    expect(run.status).toBe("failed");
  });

  it("gives an environment to exactly one of 50 concurrent rollback requests", async () => {
    const manager = await createCaller("manager");
    const environment = `locked-${uid()}`;
    // A rollback exists only after a deploy started; this one fails, so the release stays deploying for the next.
    const release = await releaseWithProcedures(manager, [{ name: "Rollback", kind: "rollback", steps: [command("hold", "sleep 2; exit 1")] }], {
      environment,
      status: "deploying",
    });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => startRun(release.id, { procedure: "rollback" }, manager)));
    const started = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason as AppError);
    expect(started).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(refused.filter((e) => !(e instanceof AppError)).map(String)).toEqual([]);
    expect(new Set(refused.map((e) => `${e.status} ${e.code}`))).toEqual(new Set(["409 ENVIRONMENT_LOCKED"]));
    expect(refused[0].message).toContain((started[0] as PromiseFulfilledResult<{ runId: string }>).value.runId);
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(1);
    await waitForRun((started[0] as PromiseFulfilledResult<{ runId: string }>).value.runId, ["failed"]);
    // Released when done: the next one may start.
    await expect(startRun(release.id, { procedure: "rollback" }, manager)).resolves.toHaveProperty("runId");
  });

  it("rolls back automatically when a smoke test after the deploy fails, linked to the failure", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(
      manager,
      [
        { name: "Deploy", kind: "deploy", steps: [command("ship", "echo shipped")] },
        { name: "Smoke", kind: "smoke", steps: [command("fails", "echo checking; exit 3")] },
        { name: "Rollback", kind: "rollback", steps: [command("undo", "echo rolled back")] },
      ],
      { autoRollback: true },
    );
    await waitForRun((await startRun(release.id, { procedure: "deploy" }, manager)).runId, ["succeeded"]);
    await waitFor(
      "the release to be verifying",
      async () => (await db().release.findUniqueOrThrow({ where: { id: release.id } })).status === "verifying",
      10_000,
    );
    const { runId } = await startRun(release.id, { procedure: "smoke" }, manager);
    const failed = await waitForRun(runId, ["failed"]);
    expect(failed.steps[0].exitCode).toBe(3);
    const rollback = await waitFor("the automatic rollback", () => db().run.findFirst({ where: { triggeredByRunId: runId } }), 15_000);
    const done = await waitForRun(rollback!.id, ["succeeded"]);
    expect(done.procedureKind).toBe("rollback");
    await waitFor(
      "the release to be rolled back",
      async () => (await db().release.findUniqueOrThrow({ where: { id: release.id } })).status === "rolled_back",
      10_000,
    );
  });

  it("masks planted secrets (plain, base64, multi-line) in stored output and the stream", async () => {
    const manager = await createCaller("manager");
    const environment = `secret-env-${uid()}`;
    const plain = `s3cr3t-${uid()}`;
    const multi = `-----BEGIN KEY-----\nAAAAlineone${uid()}\nBBBBlinetwo${uid()}\n-----END KEY-----`;
    await db().environment.create({
      data: {
        name: environment,
        secrets: {
          create: [
            { name: "API_TOKEN", valueEncrypted: sealSecret(plain) },
            { name: "PRIVATE_KEY", valueEncrypted: sealSecret(multi) },
          ],
        },
      },
    });
    const release = await releaseWithProcedures(
      manager,
      [
        {
          name: "Verify",
          kind: "verify",
          steps: [command("leak", 'echo "token=$API_TOKEN"; echo -n "$API_TOKEN" | base64; echo "$PRIVATE_KEY"; echo "$API_TOKEN" >&2')],
        },
      ],
      { environment },
    );
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    await waitForRun(runId, ["succeeded"]);
    const stored = (await db().outputLine.findMany({ where: { runId } })).map((l) => l.line).join("\n");
    const streamed = JSON.stringify(await readReleaseLog(release.id, 0, "full", 10_000));
    const events = JSON.stringify((await db().event.findMany({ where: { releaseId: release.id } })).map((e) => ({ ...e, id: String(e.id) })));
    for (const text of [stored, streamed, events]) {
      expect(text).not.toContain(plain);
      expect(text).not.toContain(Buffer.from(plain).toString("base64"));
      for (const line of multi.split("\n").slice(1, 3)) expect(text).not.toContain(line);
    }
    expect(stored).toContain("token=");
  });

  it("hides output lines from stakeholders", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [{ name: "Verify", kind: "verify", steps: [command("talk", "echo visible-only-to-managers")] }]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);
    await waitForRun(runId, ["succeeded"]);
    const forViewers = await readReleaseLog(release.id, 0, "stakeholder");
    expect(forViewers.some((m) => m.type === "output")).toBe(false);
    expect(JSON.stringify(forViewers)).not.toContain("visible-only-to-managers");
    expect(forViewers.some((m) => m.type === "run.succeeded" && m.status === "succeeded")).toBe(true);
  });
});

async function waitForStep(runId: string, status: string) {
  await waitFor(`a step to be ${status}`, async () => (await db().runStep.findFirst({ where: { runId, status: status as "running" } })) !== null, 15_000);
}

async function processesMatching(marker: string): Promise<number> {
  const { execFileSync } = await import("node:child_process");
  const out = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  return out.split("\n").filter((l) => l.includes(marker) && !l.includes("ps -eo")).length;
}
