// Drill: a runbook command that hunts for Countdown's own keys, run by the real worker the way a manager would
// start it. It prints its environment, its parent's (the worker's) and PID 1's, lists and reads the data
// directory, and says where and as whom it runs. None of the app's keys may appear in what it stored, it must
// not run as root (when the worker is) and its directory must be a fresh one outside the checkout and the data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { actor, releaseOf, SMALL_PLAN, uid } from "@/bench/lib/seed";
import { REPO_ROOT } from "@/scripts/services/database";
import { call, outputOf } from "./drill-helpers";
import { orNotYet, waitFor } from "@/test/wait-for";

describe("a command hunting for keys", () => {
  it("finds none of them, runs unprivileged in a fresh directory outside the checkout and the data", async () => {
    const dataDir = process.env.DRILL_DATA_DIR!;
    const settings = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as { password: string; appPassword: string };
    const keys = {
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET!,
      "the runtime role's DATABASE_URL": process.env.DATABASE_URL!,
      "the runtime role's password": settings.appPassword,
      "the owner's (superuser's) password": settings.password,
      "the auth-secret file": fs.readFileSync(path.join(dataDir, "auth-secret"), "utf8").trim(),
    };
    for (const [name, value] of Object.entries(keys)) expect(value, name).toBeTruthy();

    const command = [
      'echo "uid=$(id -u)"',
      'echo "pwd=$(pwd)"',
      'echo "home=$HOME"',
      "env",
      "tr '\\0' '\\n' < /proc/$PPID/environ",
      "tr '\\0' '\\n' < /proc/1/environ",
      `ls -la ${dataDir}`,
      `cat ${dataDir}/auth-secret ${dataDir}/postgres.json`,
      `grep -r . ${dataDir} | head -50`,
      "for f in /proc/[0-9]*/environ; do tr '\\0' '\\n' < $f; done 2>/dev/null | grep -E 'DATABASE|NEXTAUTH|SECRET' | head -20",
      `cat ${REPO_ROOT}/.countdown/auth-secret ${REPO_ROOT}/.countdown/postgres.json`,
      "echo hunt-done",
    ].join("; ");
    const manager = await actor("manager");
    const release = await releaseOf(
      manager,
      { phases: SMALL_PLAN, procedures: [{ name: "Hunt", kind: "verify", steps: [{ kind: "command", text: "hunt", command }] }] },
      { environment: `hunt-${uid()}` },
    );
    const started = await call("POST", `/api/releases/${release.id}/runs`, manager.headers, { procedure: "Hunt" });
    expect(started.status).toBe(202);
    const { runId } = started.json as { runId: string };
    await waitFor(
      "the hunt to finish",
      orNotYet(async () => ["succeeded", "failed"].includes((await db().run.findUniqueOrThrow({ where: { id: runId } })).status)),
      60_000,
    );

    const lines = (await outputOf(runId)).map((l) => l.line);
    const output = lines.join("\n");
    expect(output).toContain("hunt-done"); // the command really ran to its end
    for (const [name, value] of Object.entries(keys)) expect(output.includes(value), `the command's output contains ${name}`).toBe(false);
    expect(output).not.toMatch(/^(DATABASE_URL|DATABASE_MIGRATE_URL|NEXTAUTH_SECRET|REDIS_URL)=/m);

    const uidLine = lines.find((l) => l.startsWith("uid="))!;
    if (process.getuid?.() === 0) expect(uidLine).not.toBe("uid=0");
    const cwd = lines.find((l) => l.startsWith("pwd="))!.slice(4);
    expect(lines).toContain(`home=${cwd}`);
    expect(cwd.startsWith(path.join(os.tmpdir(), "countdown-run-"))).toBe(true);
    for (const outside of [REPO_ROOT, dataDir]) expect(path.relative(outside, cwd).startsWith(".."), `${cwd} is inside ${outside}`).toBe(true);
    await waitFor(
      "the run's directory to be removed when the run ends",
      orNotYet(async () => !fs.existsSync(cwd)),
      10_000,
    );
  });
});
