// The runbook parser's worker-thread entry (lib/server/templates/parse-in-thread.ts starts it): parses the Markdown it
// is given, publishes each line it reaches into the shared progress cell, and posts the parsed runbook back.
import { parentPort, workerData } from "node:worker_threads";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { reportProgressTo } from "@/lib/runbook/progress";
import type { TParsedRunbook } from "@/lib/schemas/runbook";

export type ParseThreadInput = { markdown: string; progress: SharedArrayBuffer };
export type ParseThreadMessage = { started: true } | { parsed: TParsedRunbook };

const { markdown, progress } = workerData as ParseThreadInput;
const line = new Int32Array(progress);
reportProgressTo((n) => {
  line[0] = n;
});
// The budget starts now: loading the parser is not the document's doing.
parentPort!.postMessage({ started: true });
parentPort!.postMessage({ parsed: parseRunbook(markdown) });
