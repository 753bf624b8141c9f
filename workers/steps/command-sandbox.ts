// Where and as whom a run's commands run (docs/command-sandbox.md): a clean environment, a fresh directory per
// run under the system's temp directory (outside the checkout and the data directory, removed when the run ends)
// and, when the worker is root, the unprivileged system user `countdown-runner`, so a runbook command cannot
// read the worker's environment (/proc/<pid>/environ), the data directory or the keys in it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { config } from "@/lib/config";

export const RUNNER_USER = "countdown-runner";
/** A command's PATH: the system's usual one, never the worker's (which names the checkout's node_modules). */
export const COMMAND_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/** The user commands run as; null when they run as the worker's own user (the worker is not root). */
export type Runner = { name: string; uid: number; gid: number } | null;

let runner: Runner | undefined;

function idOf(flag: "-u" | "-g"): number | null {
  const out = spawnSync("id", [flag, RUNNER_USER], { encoding: "utf8" });
  return out.status === 0 ? Number(out.stdout.trim()) : null;
}

/** The runner user, created with useradd on first use when the worker is root and it is missing. */
export function commandRunner(): Runner {
  if (runner !== undefined) return runner;
  if (process.getuid?.() !== 0) return (runner = null);
  if (idOf("-u") === null) {
    const made = spawnSync(
      "useradd",
      ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", RUNNER_USER],
      { encoding: "utf8" },
    );
    // Another worker may have created it at the same moment: only a user that still does not exist is an error.
    if (made.status !== 0 && idOf("-u") === null)
      throw new Error(`could not create the ${RUNNER_USER} user for runbook commands: ${made.stderr || made.error?.message}`);
  }
  runner = { name: RUNNER_USER, uid: idOf("-u")!, gid: idOf("-g")! };
  return runner;
}

/** One paragraph for the worker's start-up: what keeps a runbook command away from the app's keys here. */
export function isolationSummary(): string {
  const who = commandRunner();
  if (who) return `commands run as ${who.name} (uid ${who.uid}) in a fresh directory per run under ${os.tmpdir()}, with a clean environment`;
  const uid = process.getuid?.() ?? "?";
  return [
    `commands run as this worker's own user (uid ${uid}): the worker is not root, so it cannot switch to ${RUNNER_USER}.`,
    "  Still isolated: a clean environment (none of the worker's variables) and a fresh directory per run.",
    `  NOT isolated: a command can read whatever uid ${uid} can read, including /proc/${process.pid}/environ (DATABASE_URL,`,
    "  NEXTAUTH_SECRET) and the data directory. Run the worker as root (it then drops to an unprivileged user) or",
    "  as a user that holds no secrets; see docs/command-sandbox.md.",
  ].join("\n");
}

export type RunSandbox = { dir: string; runner: Runner; remove(): void };

/** A fresh working directory for one run, mode 0700, owned by the user the commands run as. */
export function openRunSandbox(): RunSandbox {
  const who = commandRunner();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "countdown-run-"));
  fs.chmodSync(dir, 0o700);
  if (who) fs.chownSync(dir, who.uid, who.gid);
  return { dir, runner: who, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The whole environment of a command: PATH, HOME (its run's directory), LANG and TZ, then the step's variables
 * (the release's COUNTDOWN_* facts, the environment's variables and secrets). Nothing else of the worker's.
 */
export function commandEnv(stepEnv: Record<string, string>, dir: string | undefined): Record<string, string> {
  const home = dir ?? os.tmpdir();
  return {
    PATH: COMMAND_PATH,
    LANG: config().LANG || "C.UTF-8",
    TZ: config().TZ || "UTC",
    ...stepEnv,
    HOME: home,
    TMPDIR: home,
  };
}
