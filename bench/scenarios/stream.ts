// The launch-day page: `viewers` clients (a fleet of processes, bench/lib/viewer-fleet.ts) hold one release's
// stream on the one web process while a worker runs a command that prints a line every `everyMs`. Latency of each
// output line = receipt time - the row's `at` (set by the worker when it stores the line). Memory of web and worker
// is sampled while every viewer is connected.
import { groupRssMb, type App } from "../lib/app";
import { openFleet } from "../lib/viewer-fleet";
import type { Actor } from "../lib/seed";
import { releaseOf } from "../lib/seed";
import { round } from "../lib/stats";

export async function streamScenario(app: App, manager: Actor, opts: { viewers: number; lines: number; everyMs: number }) {
  const command = `for i in $(seq 1 ${opts.lines}); do echo line $i; sleep ${opts.everyMs / 1000}; done`;
  const release = await releaseOf(manager, {
    phases: [{ title: "Launch", offsetMinutes: 0, items: [] }],
    procedures: [{ name: "Stream", kind: "verify", steps: [{ kind: "command", text: "print lines", command }] }],
  });
  const rss = { web: 0, worker: 0, peak: 0 };
  const sample = () => {
    const web = groupRssMb(app.web.child.pid);
    const worker = Math.max(...app.workers.map((w) => groupRssMb(w.child.pid)));
    rss.web = Math.max(rss.web, web);
    rss.worker = Math.max(rss.worker, worker);
    rss.peak = Math.max(rss.peak, web + worker);
  };
  const connecting = Date.now();
  const fleet = await openFleet({
    url: `${app.url}/api/releases/${release.id}/stream?after=${release.lastSeq}`,
    headers: manager.headers,
    viewers: opts.viewers,
    expect: opts.lines,
  });
  const connectSeconds = round((Date.now() - connecting) / 1000);
  sample();
  // Memory of the connections alone, before any line: what holding 5,000 open requests costs the web process.
  const webConnected = rss.web;
  const sampler = setInterval(sample, 500);
  try {
    const res = await fetch(`${app.url}/api/releases/${release.id}/runs`, {
      method: "POST",
      headers: { ...manager.headers, "content-type": "application/json" },
      body: JSON.stringify({ procedure: "Stream" }),
    });
    if (res.status !== 202) throw new Error(`starting the stream run answered ${res.status}: ${await res.text()}`);
    await fleet.done(opts.lines * opts.everyMs + 60_000);
    sample();
  } finally {
    clearInterval(sampler);
  }
  const seen = await fleet.stop();
  return {
    ...seen,
    lines: opts.lines,
    connect_s: connectSeconds,
    web_rss_connected_mb: webConnected,
    rss: { web: round(rss.web, 0), worker: round(rss.worker, 0), peak: round(rss.peak, 0) },
  };
}
