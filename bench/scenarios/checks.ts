// HTTP check steps per second of one worker: runs of a procedure of many http steps against a local target.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/lib/db";
import { waitFor, type App } from "../lib/app";
import { releaseOf, SMALL_PLAN, type Actor } from "../lib/seed";
import { round } from "../lib/stats";

export async function checksScenario(app: App, manager: Actor, opts: { steps: number; runs: number }) {
  const target = http.createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}'));
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/health`;
  const steps = Array.from({ length: opts.steps }, (_, i) => ({
    kind: "http" as const,
    text: `check ${i + 1}`,
    request: { method: "GET" as const, url, headers: {} },
    expect: { status: { anyOf: [200] }, bodyContains: ["ok"] },
  }));
  try {
    const runIds: string[] = [];
    for (let r = 0; r < opts.runs; r++) {
      const release = await releaseOf(manager, { phases: SMALL_PLAN, procedures: [{ name: "Checks", kind: "verify", steps }] });
      const res = await fetch(`${app.url}/api/releases/${release.id}/runs`, {
        method: "POST",
        headers: { ...manager.headers, "content-type": "application/json" },
        body: JSON.stringify({ procedure: "Checks" }),
      });
      if (res.status !== 202) throw new Error(`starting a checks run answered ${res.status}: ${await res.text()}`);
      runIds.push(((await res.json()) as { runId: string }).runId);
    }
    const timeoutMs = opts.steps * opts.runs * 200 + 60_000;
    await waitFor(
      async () =>
        (await db().run.count({ where: { id: { in: runIds }, status: { in: ["succeeded", "failed", "cancelled", "needs_attention"] } } })) === runIds.length,
      timeoutMs,
      "the checks runs",
      500,
    );
    const done = await db().runStep.findMany({ where: { runId: { in: runIds } }, select: { runId: true, status: true, startedAt: true, finishedAt: true } });
    const started = Math.min(...done.map((s) => s.startedAt?.getTime() ?? Infinity));
    const finished = Math.max(...done.map((s) => s.finishedAt?.getTime() ?? 0));
    const succeeded = done.filter((s) => s.status === "succeeded").length;
    // When each run started and ended (ms from the first start): shows whether the runs ran side by side.
    const spans = runIds.map((id) => {
      const own = done.filter((s) => s.runId === id);
      return [Math.min(...own.map((s) => s.startedAt!.getTime())) - started, Math.max(...own.map((s) => s.finishedAt!.getTime())) - started];
    });
    return {
      value: round(succeeded / ((finished - started) / 1000)),
      steps: done.length,
      succeeded,
      runs: opts.runs,
      seconds: round((finished - started) / 1000),
      run_spans_ms: spans,
    };
  } finally {
    await new Promise((r) => target.close(r));
  }
}
