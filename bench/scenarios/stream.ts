// The launch-day page: `viewers` clients hold the release stream while a worker runs a command that prints
// 20 lines a second. Latency of each output line = receipt time - the row's `at` (set when it is stored).
import { groupRssMb, type App } from "../lib/app";
import { openSse } from "../lib/sse-client";
import type { Actor } from "../lib/seed";
import { releaseOf } from "../lib/seed";
import { round, summary } from "../lib/stats";

export async function streamScenario(app: App, manager: Actor, opts: { viewers: number; lines: number }) {
  const command = `for i in $(seq 1 ${opts.lines}); do echo line $i; sleep 0.05; done`;
  const release = await releaseOf(manager, {
    phases: [{ title: "Launch", offsetMinutes: 0, items: [] }],
    procedures: [{ name: "Stream", kind: "verify", steps: [{ kind: "command", text: "print lines", command }] }],
  });
  const latencies: number[] = [];
  const clients = Array.from({ length: opts.viewers }, () =>
    openSse(`${app.url}/api/releases/${release.id}/stream?after=${release.lastSeq}`, manager.headers, (m) => {
      if (m.event === "output") latencies.push(m.receivedAt - Date.parse(String(m.data.at)));
    }),
  );
  await Promise.all(clients.map((c) => c.connected));

  const rss = { web: 0, worker: 0, peak: 0 };
  const sampler = setInterval(() => {
    const web = groupRssMb(app.web.child.pid);
    const worker = Math.max(...app.workers.map((w) => groupRssMb(w.child.pid)));
    rss.web = Math.max(rss.web, web);
    rss.worker = Math.max(rss.worker, worker);
    rss.peak = Math.max(rss.peak, web + worker);
  }, 500);

  const res = await fetch(`${app.url}/api/releases/${release.id}/runs`, {
    method: "POST",
    headers: { ...manager.headers, "content-type": "application/json" },
    body: JSON.stringify({ procedure: "Stream" }),
  });
  if (res.status !== 202) throw new Error(`starting the stream run answered ${res.status}: ${await res.text()}`);
  const outputs = (c: (typeof clients)[number]) => c.messages.filter((m) => m.event === "output").length;
  const deadline = Date.now() + opts.lines * 50 + 60_000;
  while (Date.now() < deadline && !clients.every((c) => outputs(c) >= opts.lines)) await new Promise((r) => setTimeout(r, 250));
  clearInterval(sampler);
  for (const c of clients) c.close();

  const complete = clients.filter((c) => {
    const lines = c.messages.filter((m) => m.event === "output").map((m) => String(m.data.line));
    return lines.length === opts.lines && lines.every((l, i) => l === `line ${i + 1}`);
  }).length;
  return {
    viewers: opts.viewers,
    lines: opts.lines,
    complete,
    reconnects: clients.reduce((n, c) => n + c.reconnects, 0),
    latency: summary(latencies),
    rss: { web: round(rss.web, 0), worker: round(rss.worker, 0), peak: round(rss.peak, 0) },
  };
}
