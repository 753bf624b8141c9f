// health_under_import_ms: how long GET /api/health takes while the pathological corpus (lib/runbook/pathological-corpus.ts,
// ~50 documents of 100 KB and the 160 KB line of spaces in a bash block) is imported one document after another
// through POST /api/templates/import. The import parses in a worker thread under a time budget, so the web process's
// own thread keeps answering: issue #17's bar is that nobody waits more than a second.
import type { App } from "../lib/app";
import type { Actor } from "../lib/seed";
import { summary } from "../lib/stats";
import { pathologicalCorpus, worstDocument } from "@/lib/runbook/pathological-corpus";

export async function healthUnderImportScenario(app: App, manager: Actor) {
  const documents = [worstDocument(), ...pathologicalCorpus(100 * 1024)];
  // A warm process, as on a server that has been up: the first health check opens the pools.
  await (await fetch(`${app.url}/api/health`)).text();
  const statuses: Record<number, number> = {};
  let importing = true;
  const imports = (async () => {
    for (const doc of documents) {
      const res = await fetch(`${app.url}/api/templates/import?name=${encodeURIComponent(`corpus: ${doc.name}`)}`, {
        method: "POST",
        headers: { ...manager.headers, "content-type": "text/markdown" },
        body: doc.markdown,
      });
      await res.text();
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }
  })().finally(() => {
    importing = false;
  });
  const samples: number[] = [];
  while (importing) {
    const started = performance.now();
    await (await fetch(`${app.url}/api/health`)).text();
    samples.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await imports;
  return { documents: documents.length, statuses, latency: summary(samples) };
}
