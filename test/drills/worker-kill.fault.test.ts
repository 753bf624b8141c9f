// Drill: a worker dies (SIGKILL) in the middle of a command step. Another worker takes the stalled job over;
// the run must park as needs-attention within 60 s, the command must not run twice, and no output line that
// was stored before the kill may be lost.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnLogged, stopProc, WORKER_ARGS, type Proc } from "@/bench/lib/app";
import { outputOf } from "./drill-helpers";
import { orNotYet, waitFor } from "@/test/wait-for";

// A queue of this drill's own: only the workers started here take its jobs. Set before the app modules load.
process.env.COUNTDOWN_QUEUE = `kill-${crypto.randomBytes(4).toString("hex")}`;
(await import("@/lib/config")).reloadConfig();
const { db } = await import("@/lib/db");
const { startRun } = await import("@/lib/runs/start-run");
const { actor, releaseOf, SMALL_PLAN } = await import("@/bench/lib/seed");

const workers: Proc[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "countdown-kill-"));
fs.chmodSync(dir, 0o1777); // the command writes its marker here as the unprivileged runner user

function startWorker(name: string): Proc {
  const env: NodeJS.ProcessEnv = { ...process.env, COUNTDOWN_JOB_LOCK_MS: "5000", NODE_ENV: "production" };
  const proc = spawnLogged(name, process.execPath, WORKER_ARGS, env, path.join(dir, `${name}.log`));
  workers.push(proc);
  return proc;
}

afterAll(async () => {
  await Promise.all(workers.map((w) => stopProc(w)));
  const { closeQueues } = await import("@/lib/queue/backend");
  await closeQueues();
});

describe("a worker killed mid-command", () => {
  it("parks the run as needs-attention, never runs the command twice, keeps every stored line", async () => {
    const marker = path.join(dir, "ran.txt");
    const command = `echo "ran $$" >> ${marker}; for i in $(seq 1 600); do echo line $i; sleep 0.05; done`;
    const manager = await actor("manager");
    const release = await releaseOf(manager, {
      phases: SMALL_PLAN,
      procedures: [{ name: "Verify", kind: "verify", steps: [{ kind: "command", text: "slow count", command }] }],
    });
    const { runId } = await startRun(release.id, { procedure: "verify" }, manager);

    const first = startWorker("worker-a");
    await waitFor(
      "40 stored lines",
      orNotYet(async () => (await db().outputLine.count({ where: { runId } })) >= 40),
      60_000,
      50,
    );
    const before = await outputOf(runId);
    process.kill(-first.child.pid!, "SIGKILL");
    const killedAt = Date.now();
    await first.exited;

    startWorker("worker-b");
    const run = await waitFor(
      "the run to need attention",
      orNotYet(async () => {
        const r = await db().run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
        return r.status === "needs_attention" ? r : null;
      }),
      60_000,
      250,
    );
    expect(Date.now() - killedAt).toBeLessThan(60_000);
    expect(run?.steps[0].status).toBe("interrupted");

    const ran = fs.readFileSync(marker, "utf8").trim().split("\n");
    expect(ran, "the command started once").toHaveLength(1);

    const after = await outputOf(runId);
    const afterBySeq = new Map(after.map((l) => [l.seq, l.line]));
    expect(
      before.filter((l) => afterBySeq.get(l.seq) !== l.line),
      "lines stored before the kill",
    ).toEqual([]);
    // Whatever was stored is the command's output in order, once each.
    const lines = after.map((l) => l.line);
    expect(lines).toEqual(lines.map((_, i) => `line ${i + 1}`));
  });
});
