import fs from "node:fs";
import os from "node:os";
import { describe, expect, it } from "vitest";
import { commandRunner, openRunSandbox, RUNNER_USER } from "@/workers/steps/command-sandbox";
import { runCommandStep } from "@/workers/steps/command-step";
import type { StepContext } from "@/workers/steps/step-types";

// Real bash, a real user switch when these tests run as root (as they do in CI): what a command can see.

async function run(command: string, over: Partial<StepContext> = {}) {
  const lines: string[] = [];
  const ctx: StepContext = { env: {}, signal: new AbortController().signal, output: (_s, line) => lines.push(line), ...over };
  const outcome = await runCommandStep({ kind: "command", text: command, command }, ctx);
  return { outcome, lines };
}

describe("the command sandbox", () => {
  it("gives a command only PATH, HOME, LANG, TZ and its step's variables", async () => {
    process.env.COUNTDOWN_SANDBOX_PROBE = "worker-only";
    try {
      const sandbox = openRunSandbox();
      try {
        const { lines } = await run("env | cut -d= -f1 | sort", {
          env: { COUNTDOWN_RELEASE_VERSION: "1.2.3", API_TOKEN: "t" },
          cwd: sandbox.dir,
          runner: sandbox.runner,
        });
        expect(lines.filter((name) => !["PWD", "SHLVL", "_", "OLDPWD"].includes(name))).toEqual([
          "API_TOKEN",
          "COUNTDOWN_RELEASE_VERSION",
          "HOME",
          "LANG",
          "PATH",
          "TMPDIR",
          "TZ",
        ]);
      } finally {
        sandbox.remove();
      }
    } finally {
      delete process.env.COUNTDOWN_SANDBOX_PROBE;
    }
  });

  it("runs in a fresh 0700 directory of its own under the temp dir, its HOME, removed afterwards", async () => {
    const sandbox = openRunSandbox();
    const { lines } = await run('pwd; echo "$HOME"; touch made-here && echo wrote', { cwd: sandbox.dir, runner: sandbox.runner });
    expect(lines).toEqual([sandbox.dir, sandbox.dir, "wrote"]);
    expect(sandbox.dir.startsWith(os.tmpdir())).toBe(true);
    expect(sandbox.dir.startsWith(process.cwd())).toBe(false);
    expect(fs.statSync(sandbox.dir).mode & 0o777).toBe(0o700);
    sandbox.remove();
    expect(fs.existsSync(sandbox.dir)).toBe(false);
  });

  it.runIf(process.getuid?.() === 0)("as root, runs commands as the unprivileged runner, out of reach of the worker's /proc", async () => {
    const sandbox = openRunSandbox();
    try {
      const runner = commandRunner()!;
      expect(runner.name).toBe(RUNNER_USER);
      const { lines } = await run(`id -u; id -G; cat /proc/${process.pid}/environ >/dev/null 2>&1 && echo READ-WORKER-ENV || echo denied`, {
        cwd: sandbox.dir,
        runner: sandbox.runner,
      });
      expect(lines).toEqual([String(runner.uid), String(runner.gid), "denied"]);
      expect(runner.uid).not.toBe(0);
    } finally {
      sandbox.remove();
    }
  });
});
