// The runbook parser's worker-thread entry (lib/templates/parse-in-thread.ts keeps a few of these): for each
// document it is sent, it says it has started, publishes each line it reaches into that task's shared progress cell,
// and posts the parsed runbook back (with the Markdown it read, credentials replaced). A thread serves one document at a time, and is reused until a budget stops it.
import { parentPort } from "node:worker_threads";
import { parseRunbookWithSource } from "@/lib/runbook/parse-runbook";
import { reportProgressTo } from "@/lib/runbook/progress";
import type { TParsedRunbook } from "@/lib/schemas/runbook";

export type ParseThreadTask = { markdown: string; progress: SharedArrayBuffer };
export type ParseThreadMessage = { ready: true } | { started: true } | { parsed: TParsedRunbook; source: string };

parentPort!.on("message", ({ markdown, progress }: ParseThreadTask) => {
  const line = new Int32Array(progress);
  reportProgressTo((n) => {
    line[0] = n;
  });
  // The budget starts now: loading the parser was not the document's doing.
  parentPort!.postMessage({ started: true });
  parentPort!.postMessage(parseRunbookWithSource(markdown));
});
parentPort!.postMessage({ ready: true });
