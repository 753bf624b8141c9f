import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import type { Socket } from "node:net";
import { StringDecoder } from "node:string_decoder";
import type { TCommandStep } from "@/lib/schemas/step";
import { commandEnv } from "@/workers/steps/command-sandbox";
import type { Masker } from "@/lib/secrets/mask-secrets";
import type { StepContext, StepOutcome } from "@/workers/steps/step-types";

// Runs a runbook command exactly as written (`bash -c`, no -e / pipefail the author did not ask for) in its
// own process group, so a timeout or cancel can end everything it started, not just the shell.

export const DEFAULT_COMMAND_TIMEOUT_SEC = 600;
export const DEFAULT_KILL_GRACE_MS = 5_000;
/** After the shell exits, how long to wait for a background child that inherited stdout to let go of it. */
export const DEFAULT_DRAIN_MS = 2_000;
/** Longer lines are split: one runaway line (minified JSON, a progress bar) must not grow without bound. */
export const MAX_LINE_CHARS = 16 * 1024;

export type CommandStepOptions = { killGraceMs?: number; drainMs?: number };

/** Sends a signal to a whole process group; false when the group is already gone. */
export function killProcessGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
    if ((err as NodeJS.ErrnoException).code === "EPERM") return true; // exists, just not ours to signal
    throw err;
  }
}

/**
 * Bytes in, lines out: UTF-8 with replacement characters for junk (a multi-byte character split across
 * chunks is kept whole), CRLF and a missing final newline handled, NUL replaced (Postgres text rejects it).
 */
export function createLineSplitter(emit: (line: string) => void, maxChars = MAX_LINE_CHARS, masker?: Pick<Masker, "longest" | "safeCut">) {
  const decoder = new StringDecoder("utf8");
  let pending = "";
  // A line still growing keeps enough of its end that a secret arriving in pieces is never cut before it is whole.
  const hold = masker?.longest ?? 0;
  const emitPieces = (line: string, keepTail: boolean): string => {
    while (line.length > maxChars + (keepTail ? hold : 0)) {
      // Never cut a surrogate pair in half: both halves would become replacement characters. Never cut a secret
      // in half either: each half would be masked alone, so neither would be.
      let cut = isHighSurrogate(line.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars;
      if (masker) cut = masker.safeCut(line, cut);
      emit(clean(line.slice(0, cut)));
      line = line.slice(cut);
    }
    if (keepTail) return line;
    emit(clean(line));
    return "";
  };
  return {
    write(chunk: Buffer) {
      pending += decoder.write(chunk);
      let start = 0;
      for (let nl = pending.indexOf("\n"); nl !== -1; nl = pending.indexOf("\n", start)) {
        const end = nl > start && pending.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        emitPieces(pending.slice(start, end), false);
        start = nl + 1;
      }
      pending = emitPieces(pending.slice(start), true);
    },
    end() {
      pending += decoder.end();
      if (pending !== "") emitPieces(pending.endsWith("\r") ? pending.slice(0, -1) : pending, false);
      pending = "";
    },
  };
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clean = (line: string) => (line.includes("\0") ? line.replaceAll("\0", "\uFFFD") : line);

export function runCommandStep(step: TCommandStep, ctx: StepContext, opts: CommandStepOptions = {}): Promise<StepOutcome> {
  const graceMs = opts.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const drainMs = opts.drainMs ?? DEFAULT_DRAIN_MS;
  const timeoutSec = step.timeoutSec ?? DEFAULT_COMMAND_TIMEOUT_SEC;
  const started = performance.now();
  if (ctx.signal.aborted) {
    ctx.output("system", "cancelled before the command started");
    return Promise.resolve({ status: "cancelled", exitCode: null, summary: "cancelled before start", result: { cancelled: true, durationMs: 0 } });
  }

  return new Promise<StepOutcome>((resolve) => {
    const child = spawn("bash", ["-c", step.command], {
      cwd: ctx.cwd,
      env: commandEnv(ctx.env, ctx.cwd) as NodeJS.ProcessEnv, // Next.js types make NODE_ENV required; a command need not have it
      // As the unprivileged runner when the worker is root (libuv drops root's supplementary groups too).
      ...(ctx.runner ? { uid: ctx.runner.uid, gid: ctx.runner.gid } : {}),
      detached: true, // setsid: the shell leads a new process group whose id is its pid
      stdio: ["ignore", "pipe", "pipe"], // no stdin: a command waiting for input would hang until the timeout
    });
    const pgid = child.pid;
    const stdout = createLineSplitter((line) => ctx.output("stdout", line), MAX_LINE_CHARS, ctx.masker);
    const stderr = createLineSplitter((line) => ctx.output("stderr", line), MAX_LINE_CHARS, ctx.masker);
    child.stdout.on("data", stdout.write);
    child.stderr.on("data", stderr.write);
    const closed = new Promise<void>((r) => child.once("close", () => r()));
    let stopping: "timeout" | "cancel" | null = null;
    let exited = false;
    let settled = false;
    let exitedAt: number | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };

    const stop = (reason: "timeout" | "cancel") => {
      if (stopping || exited || pgid === undefined) return;
      stopping = reason;
      const why = reason === "timeout" ? `timed out after ${timeoutSec} s` : "cancelled";
      ctx.output("system", `${why}: stopping the process group (TERM, then KILL after ${seconds(graceMs)})`);
      killProcessGroup(pgid, "SIGTERM");
      killTimer = setTimeout(() => {
        if (processGroupAlive(pgid) && killProcessGroup(pgid, "SIGKILL")) ctx.output("system", `still running after ${seconds(graceMs)}: sent KILL`);
      }, graceMs);
    };
    const timer = setTimeout(() => stop("timeout"), timeoutSec * 1000);
    const onAbort = () => stop("cancel");
    ctx.signal.addEventListener("abort", onAbort, { once: true });
    const finish = (outcome: Omit<StepOutcome, "result">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      ctx.signal.removeEventListener("abort", onAbort);
      stdout.end();
      stderr.end();
      const durationMs = Math.round((exitedAt ?? performance.now()) - started);
      resolve({
        ...outcome,
        result: { pid: pgid ?? null, exitCode: exit.code, signal: exit.signal, durationMs, timedOut: stopping === "timeout", cancelled: stopping === "cancel" },
      });
    };

    child.on("error", (err) => {
      // Spawn failures (no bash, missing cwd) arrive here and no "exit" follows.
      if (exited) return;
      ctx.output("system", `could not start the command: ${err.message}`);
      finish({ status: "failed", exitCode: null, summary: "could not start" });
    });

    child.on("exit", async (code, signal) => {
      exited = true;
      exit = { code, signal };
      clearTimeout(timer);
      // The shell is gone, but children that ignored TERM may live on in the group: wait until the group
      // is empty (KILL fires at the end of the grace period) before saying the step has stopped.
      if (stopping && pgid !== undefined) await groupGone(pgid, graceMs + 2_000);
      exitedAt = performance.now();
      const ms = exitedAt - started;
      // Normally the pipes close with the shell; a background process (`./server &`) may hold them open.
      const drained = await Promise.race([closed.then(() => true), delay(drainMs).then(() => false)]);
      if (!drained) {
        // Keep draining without a listener rather than closing the pipes, which would kill that process
        // with SIGPIPE on its next write; unref so the pipes do not keep the worker alive.
        for (const s of [child.stdout, child.stderr]) {
          s.removeAllListeners("data");
          s.resume();
          (s as Socket).unref?.();
        }
        ctx.output("system", "the command exited but a background process still holds its output; later output is not captured");
      }
      if (stopping === "timeout") finish({ status: "failed", exitCode: code, summary: `timed out after ${timeoutSec} s` });
      else if (stopping === "cancel") finish({ status: "cancelled", exitCode: code, summary: `cancelled after ${seconds(ms)}` });
      else if (code === 0) finish({ status: "succeeded", exitCode: 0, summary: `exit 0 in ${seconds(ms)}` });
      else if (code !== null) finish({ status: "failed", exitCode: code, summary: `exit ${code} in ${seconds(ms)}` });
      else finish({ status: "failed", exitCode: null, summary: `killed by ${signal} after ${seconds(ms)}` });
    });
  });
}

/**
 * Whether any process of the group still runs. Zombies do not count: children orphaned by the shell are
 * reaped by PID 1, which in a container may take seconds or never happen, yet `kill(-pgid, 0)` sees them.
 */
export function processGroupAlive(pgid: number): boolean {
  if (!killProcessGroup(pgid, 0)) return false;
  if (process.platform !== "linux") return true;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited while we looked
    }
    // "pid (comm) state ppid pgrp ...": comm may contain spaces and parentheses, so split after the last ")".
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (pgrp === String(pgid) && state !== "Z" && state !== "X") return true;
  }
  return false;
}

async function groupGone(pgid: number, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (processGroupAlive(pgid) && Date.now() < deadline) await delay(50);
}
