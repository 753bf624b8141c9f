// Baseline for the stream: the same number of SSE clients (the same client code) on a plain node:http server
// that writes each line to all of them as it is made (bench/fanout-baseline-server.ts). Its latency is the floor
// the app's stream cannot go below on this machine: one socket write per viewer per message.
import fs from "node:fs";
import path from "node:path";
import { spawnLogged, stopProc, waitFor, WORKER_ARGS } from "../lib/app";
import { openSse } from "../lib/sse-client";
import { summary } from "../lib/stats";
import { freePort } from "@/scripts/services/embedded-postgres";

export async function fanoutBaseline(dataDir: string, opts: { viewers: number; lines: number }) {
  const port = await freePort();
  const logFile = path.join(dataDir, "fanout-baseline.log");
  const server = spawnLogged(
    "fanout-baseline",
    process.execPath,
    [...WORKER_ARGS.slice(0, -1), "bench/fanout-baseline-server.ts"],
    { ...process.env, BASELINE_PORT: String(port) },
    logFile,
  );
  try {
    await waitFor(async () => fs.existsSync(logFile) && fs.readFileSync(logFile, "utf8").includes("baseline ready"), 30_000, "the fan-out baseline server");
    const latencies: number[] = [];
    const clients = Array.from({ length: opts.viewers }, () =>
      openSse(`http://127.0.0.1:${port}/`, {}, (m) => latencies.push(m.receivedAt - Date.parse(String(m.data.at)))),
    );
    await Promise.all(clients.map((c) => c.connected));
    await fetch(`http://127.0.0.1:${port}/start?lines=${opts.lines}`, { method: "POST" });
    await waitFor(async () => latencies.length >= opts.viewers * opts.lines, opts.lines * 50 + 30_000, "every baseline message", 250);
    for (const c of clients) c.close();
    return summary(latencies);
  } finally {
    await stopProc(server);
  }
}
