// Runs across real worker processes, and a stream client that drops and resumes with Last-Event-ID.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventSourceParserStream } from "eventsource-parser/stream";
import { createCaller, uid } from "@/test/factories";
import type { Caller } from "@/lib/auth/roles";

// This file's runs go to a queue of their own, served only by the two worker processes it starts.
const queue = `runs-workers-${uid()}`;
process.env.COUNTDOWN_QUEUE = queue;
(await import("@/lib/config")).reloadConfig();
const { db } = await import("@/lib/db");
const { startRun } = await import("@/lib/runs/start-run");
const { releaseStream } = await import("@/lib/stream/release-stream");
const { releaseWithProcedures, waitForRun } = await import("@/test/run-fixtures");

const workers: ChildProcess[] = [];

function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "workers/index.ts"], {
    env: { ...process.env, COUNTDOWN_QUEUE: queue, COUNTDOWN_WORKER_CONCURRENCY: "3" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("worker ready") && resolve(child));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
  });
}

beforeAll(async () => {
  await Promise.all([startWorker(), startWorker()]);
}, 60_000);

afterAll(async () => {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((r) => {
          w.once("exit", r);
          w.kill("SIGTERM");
        }),
    ),
  );
});

describe("runs in worker processes", () => {
  it("two workers share 20 runs and none is run twice", async () => {
    const manager = await createCaller("manager");
    const ledger = path.join(os.tmpdir(), `countdown-ledger-${uid()}`);
    const releases = await Promise.all(
      Array.from({ length: 20 }, () =>
        releaseWithProcedures(manager, [
          { name: "Verify", kind: "verify", steps: [{ kind: "command", text: "record", command: `echo "$RUN_ID $PPID" >> ${ledger}; sleep 0.3` }] },
        ]),
      ),
    );
    const runIds = await Promise.all(releases.map((r) => startRun(r.id, { procedure: "verify" }, manager).then((x) => x.runId)));
    for (const id of runIds) expect((await waitForRun(id, ["succeeded", "failed"], 60_000)).status).toBe("succeeded");
    const lines = fs
      .readFileSync(ledger, "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(" "));
    fs.rmSync(ledger, { force: true });
    expect(lines.map(([runId]) => runId).sort()).toEqual([...runIds].sort());
    expect(new Set(lines.map(([, workerPid]) => workerPid)).size).toBe(2);
  });

  it("a stream client that drops mid-run and resumes with Last-Event-ID gets every message exactly once", async () => {
    const manager = await createCaller("manager");
    const release = await releaseWithProcedures(manager, [
      { name: "Verify", kind: "verify", steps: [{ kind: "command", text: "talk", command: "for i in $(seq 1 300); do echo line $i; sleep 0.005; done" }] },
    ]);
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);

    const seen: number[] = [];
    let finished = false;
    // First connection: read a little, then drop it.
    const first = new AbortController();
    await read(releaseStream(streamOf(release.id, 0, manager, first.signal)), first, (m) => {
      seen.push(m.seq);
      if (seen.length >= 40) first.abort();
    });
    // Resume after the last message received, until the run's final message.
    const second = new AbortController();
    await read(releaseStream(streamOf(release.id, seen[seen.length - 1], manager, second.signal)), second, (m) => {
      seen.push(m.seq);
      if (m.type === "run.succeeded") {
        finished = true;
        second.abort();
      }
    });
    await waitForRun(runId, ["succeeded"]);
    const stored = await db().release.findUniqueOrThrow({ where: { id: release.id }, select: { lastSeq: true } });
    expect(finished).toBe(true);
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1));
    expect(seen.length).toBeGreaterThanOrEqual(300);
    expect(seen[seen.length - 1]).toBeLessThanOrEqual(stored.lastSeq);
  });
});

function streamOf(releaseId: string, after: number, caller: Caller, abort: AbortSignal) {
  return { releaseId, head: 0, after, caller, audience: "full" as const, recheckMs: 15_000, heartbeatMs: 15_000, abort, onClose: () => undefined };
}

async function read(res: Response, abort: AbortController, onMessage: (m: { seq: number; type: string }) => void) {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  const timer = setTimeout(() => abort.abort(), 30_000);
  try {
    while (!abort.signal.aborted) {
      const next = await reader.read();
      if (next.done) break;
      onMessage(JSON.parse(next.value.data));
    }
  } finally {
    clearTimeout(timer);
    // Cancelling a stream we already aborted may reject; there is nothing left to release then.
    await reader.cancel().catch((err: unknown) => void err);
  }
}
