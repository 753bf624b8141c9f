import "server-only";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import type { TParsedRunbook } from "@/lib/schemas/runbook";
import type { ExportableTemplate } from "@/lib/templates/export-runbook";
import type { RunbookThreadMessage, RunbookThreadTask } from "@/lib/templates/runbook-thread";

// The runbook import parses off the request thread, in worker threads (lib/templates/runbook-thread.ts): at most
// MAX_THREADS at once (the others wait their turn; the wait is not part of their budget), kept for the next import
// while they are idle, each document with a time budget (COUNTDOWN_IMPORT_BUDGET_MS, 3 s by default). Past the
// budget the thread is terminated and the import answers 422 TOO_COMPLEX with the line the parser had reached.
// However odd the document, the web process's event loop keeps answering everyone else meanwhile. The export
// (a template written as Markdown, ~0.2 s for one made from a 1 MB runbook) runs on the same threads, budget and
// queue, so downloading large templates does not hold up the event loop either.
//
// In the production build the thread's entry is bundled by Next.js (Turbopack recognises
// `new Worker(new URL(..., import.meta.url))` and emits the entry with its imports as a chunk of its own,
// .next/server/chunks/[worker thread]-lib_templates_runbook-thread_ts_*.js). Run from the TypeScript sources (vitest,
// tsx scripts) the entry is a .ts file that Node cannot load by itself: the thread then starts tsx's loader first.

/** One core stays with the web process's own thread: parsing never takes every core (on two cores, one import at a time). */
const MAX_THREADS = Math.max(1, os.availableParallelism() - 1);
/** Imports waiting for a thread beyond this are refused (503) rather than piling up 1 MB bodies in memory. */
const MAX_WAITING = 16;
const THREAD_HEAP_MB = 512;
const STARTUP_MS = 30_000;
/** An idle thread ends after this; the next import starts a new one. */
const IDLE_MS = 60_000;

export function importBudgetMs(): number {
  return config().COUNTDOWN_IMPORT_BUDGET_MS;
}

// Next.js sets NEXT_RUNTIME in the server it bundled (`next start`, `next dev`); vitest and tsx scripts run the sources.
// (import.meta.url cannot tell: in the bundle it still names the .ts source.)
const bundled = config().NEXT_RUNTIME !== undefined;

function startThread(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } };
  if (bundled) return new Worker(new URL("./runbook-thread.ts", import.meta.url), options);
  const entry = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "runbook-thread.ts")).href;
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

type Idle = { worker: Worker; timer: NodeJS.Timeout };
const idle: Idle[] = [];
let running = 0;
const waiting: (() => void)[] = [];

async function takeSlot(): Promise<() => void> {
  if (running >= MAX_THREADS) {
    if (waiting.length >= MAX_WAITING) throw new AppError("UNAVAILABLE", "Countdown is busy importing other runbooks; try again in a moment");
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  // A released slot passes straight to the next waiter, so `running` counts it already.
  return () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

function keepIdle(worker: Worker): void {
  const entry: Idle = {
    worker,
    timer: setTimeout(() => {
      idle.splice(idle.indexOf(entry), 1);
      void worker.terminate();
    }, IDLE_MS).unref(),
  };
  worker.unref(); // an idle parser never keeps the process alive
  idle.push(entry);
}

function takeIdle(): Worker | null {
  const entry = idle.pop();
  if (!entry) return null;
  clearTimeout(entry.timer);
  entry.worker.ref();
  return entry.worker;
}

/** The parsed runbook, or 422 TOO_COMPLEX once the budget is spent (with the line the parser had reached). */
export async function parseRunbookInThread(markdown: string, budgetMs = importBudgetMs()): Promise<TParsedRunbook> {
  return (await parseRunbookWithSourceInThread(markdown, budgetMs)).parsed;
}

/** The same, with the Markdown the parser read (normalised, credentials replaced): what a template may keep. */
export async function parseRunbookWithSourceInThread(markdown: string, budgetMs = importBudgetMs()): Promise<ParsedWithSource> {
  const release = await takeSlot();
  try {
    const done = await runTask({ parse: markdown, progress: new SharedArrayBuffer(4) }, budgetMs);
    if (!("parsed" in done)) throw new Error("the runbook thread answered a parse with something else");
    return done;
  } finally {
    release();
  }
}

/**
 * The template written as a Markdown runbook (export-runbook.ts), off the request thread under the import's budget:
 * 422 TOO_COMPLEX past it, 503 while every thread is busy and the queue full.
 */
export async function exportRunbookInThread(template: ExportableTemplate, budgetMs = importBudgetMs()): Promise<string> {
  const release = await takeSlot();
  try {
    const done = await runTask({ export: template, progress: new SharedArrayBuffer(4) }, budgetMs);
    if (!("exported" in done)) throw new Error("the runbook thread answered an export with something else");
    return done.exported;
  } finally {
    release();
  }
}

type ParsedWithSource = { parsed: TParsedRunbook; source: string };
type Done = ParsedWithSource | { exported: string };

function runTask(task: RunbookThreadTask, budgetMs: number): Promise<Done> {
  const { progress } = task;
  const reached = () => Math.max(1, Atomics.load(new Int32Array(progress), 0));
  const what = "parse" in task ? "runbook" : "template";
  const reused = takeIdle();
  const worker = reused ?? startThread();
  if (reused) worker.postMessage(task);
  return new Promise<Done>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void, keep: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      if (keep) keepIdle(worker);
      else void worker.terminate();
      outcome();
    };
    const tooComplex = (why: string) =>
      "parse" in task
        ? new AppError(
            "TOO_COMPLEX",
            `The runbook is too complex to import: ${why} at line ${reached()}. Split it, or remove the long runs of repeated characters near that line.`,
            { line: reached(), budgetMs },
          )
        : new AppError("TOO_COMPLEX", `The template is too large to write as Markdown: ${why.replace("parsing", "writing it")}.`, { budgetMs });
    // The budget starts when the thread has the document and has loaded the parser (its start-up is no document's
    // doing; from the TypeScript sources it compiles them first); a thread that cannot even start is given up.
    let timer = setTimeout(
      () => settle(() => reject(new AppError("UNAVAILABLE", `The ${what} thread did not start; try again in a moment`)), false),
      STARTUP_MS,
    );
    const onMessage = (message: RunbookThreadMessage) => {
      if ("ready" in message) worker.postMessage(task);
      else if ("started" in message) {
        clearTimeout(timer);
        timer = setTimeout(() => settle(() => reject(tooComplex(`parsing took longer than ${(budgetMs / 1000).toFixed(1)} s and stopped`)), false), budgetMs);
      } else settle(() => resolve(message), true);
    };
    const onError = (err: Error & { code?: string }) => {
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY") return settle(() => reject(tooComplex("parsing ran out of memory")), false);
      // The parser and the writer are total: an exception is our bug, not the caller's. Logged in full, answered without details.
      console.error(`[${what}] the ${what} thread failed:`, err);
      if (!("parse" in task)) return settle(() => reject(err), false);
      settle(() => reject(new AppError("UNPROCESSABLE", `The runbook could not be read (the parser failed at line ${reached()})`, { line: reached() })), false);
    };
    const onExit = (code: number) =>
      settle(
        () =>
          reject(
            "parse" in task
              ? new AppError("UNPROCESSABLE", `The runbook could not be read (the parser stopped with code ${code} at line ${reached()})`)
              : new Error(`the runbook thread stopped with code ${code} while writing a template`),
          ),
        false,
      );
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
  });
}
