// The runbook thread's entry (lib/templates/parse-in-thread.ts keeps a few of these): it parses a document it is
// sent (saying it has started, publishing each line it reaches into that task's shared progress cell, and posting
// the parsed runbook back with the Markdown it read, credentials replaced), or writes a template as Markdown (the
// export). A thread serves one task at a time, and is reused until a budget stops it.
import { parentPort } from "node:worker_threads";
import { parseRunbookWithSource } from "@/lib/runbook/parse-runbook";
import { reportProgressTo } from "@/lib/runbook/progress";
import type { TParsedRunbook } from "@/lib/schemas/runbook";
import { exportRunbook, type ExportableTemplate } from "@/lib/templates/export-runbook";

export type RunbookThreadTask = { parse: string; progress: SharedArrayBuffer } | { export: ExportableTemplate; progress: SharedArrayBuffer };
export type RunbookThreadMessage = { ready: true } | { started: true } | { parsed: TParsedRunbook; source: string } | { exported: string };

parentPort!.on("message", (task: RunbookThreadTask) => {
  const line = new Int32Array(task.progress);
  reportProgressTo((n) => {
    line[0] = n;
  });
  // The budget starts now: loading the parser was not the document's doing.
  parentPort!.postMessage({ started: true });
  parentPort!.postMessage("parse" in task ? parseRunbookWithSource(task.parse) : { exported: exportRunbook(task.export) });
});
parentPort!.postMessage({ ready: true });
