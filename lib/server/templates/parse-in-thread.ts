import "server-only";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors";
import type { ParseThreadInput, ParseThreadMessage } from "@/lib/runbook/parse-thread";
import type { TParsedRunbook } from "@/lib/schemas/runbook";

// The runbook import parses off the request thread: one worker thread per import (lib/runbook/parse-thread.ts), at
// most MAX_THREADS at once (the others wait their turn; the wait is not part of their budget), each with a time budget (COUNTDOWN_IMPORT_BUDGET_MS, 3 s by default). Past the budget the
// thread is terminated and the import answers 422 TOO_COMPLEX with the line the parser had reached. However odd
// the document, the web process's event loop keeps answering everyone else meanwhile.
//
// In the production build the thread's entry is bundled by Next.js (Turbopack recognises
// `new Worker(new URL(..., import.meta.url))` and emits the entry with its imports as a chunk of its own,
// .next/server/chunks/[worker thread]-lib_runbook_parse-thread_ts_*.js). Run
// from the TypeScript sources (vitest, tsx scripts) the entry is a .ts file that Node cannot load by itself: the
// thread then starts tsx's loader first.

const DEFAULT_BUDGET_MS = 3_000;
/** One core stays with the web process's own thread: parsing never takes every core (on two cores, one import at a time). */
const MAX_THREADS = Math.max(1, os.availableParallelism() - 1);
/** Imports waiting for a thread beyond this are refused (503) rather than piling up 1 MB bodies in memory. */
const MAX_WAITING = 16;
const THREAD_HEAP_MB = 512;
const STARTUP_MS = 30_000;

export function importBudgetMs(raw = process.env.COUNTDOWN_IMPORT_BUDGET_MS): number {
  const ms = Number(raw);
  return raw !== undefined && raw !== "" && Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_BUDGET_MS;
}

let running = 0;
const waiting: (() => void)[] = [];

async function takeThread(): Promise<() => void> {
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

// Next.js sets NEXT_RUNTIME in the server it bundled (`next start`, `next dev`); vitest and tsx scripts run the sources.
// (import.meta.url cannot tell: in the bundle it still names the .ts source.)
const bundled = process.env.NEXT_RUNTIME !== undefined;

function startThread(input: ParseThreadInput): Worker {
  const options = { workerData: input, resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB } };
  if (bundled) return new Worker(new URL("../../runbook/parse-thread.ts", import.meta.url), options);
  const entry = pathToFileURL(path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "runbook", "parse-thread.ts")).href;
  const boot = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/** The parsed runbook, or 422 TOO_COMPLEX once the budget is spent (with the line the parser had reached). */
export async function parseRunbookInThread(markdown: string, budgetMs = importBudgetMs()): Promise<TParsedRunbook> {
  const release = await takeThread();
  try {
    return await runThread(markdown, budgetMs);
  } finally {
    release();
  }
}

function runThread(markdown: string, budgetMs: number): Promise<TParsedRunbook> {
  const progress = new SharedArrayBuffer(4);
  const reached = () => Math.max(1, Atomics.load(new Int32Array(progress), 0));
  const worker = startThread({ markdown, progress });
  return new Promise<TParsedRunbook>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const tooComplex = (why: string) =>
      new AppError("TOO_COMPLEX", `The runbook is too complex to import: ${why} at line ${reached()}. Split it, or remove the long runs of repeated characters near that line.`, {
        line: reached(),
        budgetMs,
      });
    // The budget starts when the thread has loaded the parser (its start-up is no document's doing; from the
    // TypeScript sources it compiles them first); a thread that cannot even start is given up after STARTUP_MS.
    let timer = setTimeout(() => settle(() => reject(new AppError("UNAVAILABLE", "The runbook parser did not start; try again in a moment"))), STARTUP_MS);
    worker.on("message", (message: ParseThreadMessage) => {
      if ("parsed" in message) return settle(() => resolve(message.parsed));
      clearTimeout(timer);
      timer = setTimeout(() => settle(() => reject(tooComplex(`parsing took longer than ${(budgetMs / 1000).toFixed(1)} s and stopped`))), budgetMs);
    });
    worker.once("error", (err: Error & { code?: string }) => {
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY") return settle(() => reject(tooComplex("parsing ran out of memory")));
      // The parser is total: an exception is our bug, not the caller's. Logged in full, answered without details.
      console.error("[import] the runbook parser failed:", err);
      settle(() => reject(new AppError("UNPROCESSABLE", `The runbook could not be read (the parser failed at line ${reached()})`, { line: reached() })));
    });
    worker.once("exit", (code) => settle(() => reject(new AppError("UNPROCESSABLE", `The runbook could not be read (the parser stopped with code ${code} at line ${reached()})`))));
  });
}
