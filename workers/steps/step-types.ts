// The contract between the run orchestrator and the step executors (command, http, wait).
// Executors know nothing about the database, the queue or masking: they get a context, report output
// through it and return an outcome; the orchestrator stores, masks and streams.

import type { Masker } from "@/lib/secrets/mask-secrets";

export type OutputStream = "stdout" | "stderr" | "system";

export type StepContext = {
  /**
   * Variables and secrets for the step. The command executor adds only PATH, HOME, LANG and TZ
   * (command-sandbox.ts), nothing of the worker's own environment, so its database URL and auth secrets
   * never reach a runbook command.
   */
  env: Record<string, string>;
  /** Aborted on cancel (or worker shutdown): the executor stops promptly and returns "cancelled". */
  signal: AbortSignal;
  /**
   * One call per line, synchronously, in order, with the RAW line (no trailing newline). The orchestrator
   * wraps this with the secret masker before storing or streaming; executors never log lines themselves.
   */
  output: (stream: OutputStream, line: string) => void;
  /** The hosts the environment lets http and watch steps reach (lib/environments/allowed-hosts.ts); empty: any. */
  hosts?: { allowed: readonly string[]; environment: string };
  /** The run's own directory (command-sandbox.ts); also the command's HOME. */
  cwd?: string;
  /** The user a command runs as when the worker is root; absent: the worker's own user. */
  runner?: { uid: number; gid: number } | null;
  /**
   * The run's secret masker. The orchestrator masks every line itself; an executor uses it only where it would
   * cut a text first (a long line split at the cap, a value quoted in a check), so that no secret is cut in two.
   */
  masker?: Masker;
  /** A bake's (wait or watch) pause, read from the database by the orchestrator; paused time does not count. */
  paused?: () => PauseState;
};

/** A bake's pause: since when (epoch ms, null while not paused), by whom, and the paused time of earlier pauses. */
export type PauseState = { since: number | null; by: string | null; totalMs: number };

/** How long a bake has been paused in all, up to `nowMs`. */
export function pausedFor(pause: PauseState | undefined, nowMs: number): number {
  if (!pause) return 0;
  return pause.totalMs + (pause.since !== null ? Math.max(0, nowMs - pause.since) : 0);
}

export type StepOutcome = {
  status: "succeeded" | "failed" | "cancelled";
  exitCode?: number | null;
  result?: Record<string, unknown>;
  /** One short line for the step list, e.g. "exit 0 in 1.2 s" or "expected status 200, got 503". */
  summary: string;
};
