// Baseline for the stream: the same number of viewers (the same fleet, bench/lib/viewer-fleet.ts) on a plain
// node:http server that writes each line to all of them as it is made (bench/fanout-baseline-server.ts), at the
// same pace. Its latency is the floor the app's stream cannot go below on this machine: one socket write per
// viewer per message, no database, no Next.js.
import fs from "node:fs";
import path from "node:path";
import { spawnLogged, stopProc, waitFor, WORKER_ARGS } from "../lib/app";
import { openFleet } from "../lib/viewer-fleet";
import { freePort } from "@/scripts/services/embedded-postgres";

export async function fanoutBaseline(dataDir: string, opts: { viewers: number; lines: number; everyMs: number }) {
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
    const fleet = await openFleet({ url: `http://127.0.0.1:${port}/`, viewers: opts.viewers, expect: opts.lines });
    await fetch(`http://127.0.0.1:${port}/start?lines=${opts.lines}&every=${opts.everyMs}`, { method: "POST" });
    await fleet.done(opts.lines * opts.everyMs + 30_000);
    return await fleet.stop();
  } finally {
    await stopProc(server);
  }
}
