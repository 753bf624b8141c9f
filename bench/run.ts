// npm run bench [-- --quick] [--json] [--redis]: starts the app (embedded PostgreSQL in .countdown-bench/, the
// production build, web + one worker; --redis puts the queue on a redis-server of its own), seeds its own data,
// loads it and prints the launch-day figures beside their raw baselines (README, "Benchmarks").
import os from "node:os";
import path from "node:path";
import { launchApp, stopProc, type App } from "./lib/app";
import { REPO_ROOT } from "@/scripts/services/database";
import { freePort } from "@/scripts/services/embedded-postgres";
import { actor, appendEvents, bigPlan, releaseOf, SMALL_PLAN } from "./lib/seed";
import { load } from "./lib/load";
import { round } from "./lib/stats";
import { notifyRoundTrip } from "./scenarios/notify-baseline";
import { captureReleaseSql, startBaselineServer } from "./scenarios/read-baseline";
import { streamScenario } from "./scenarios/stream";
import { tickScenario } from "./scenarios/ticks";
import { checksScenario } from "./scenarios/checks";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const asJson = args.has("--json");
const useRedis = args.has("--redis");
const log = (line: string) => process.stderr.write(`bench | ${line}\n`);

const plan = quick
  ? { viewers: 200, lines: 400, tickSeconds: 10, readSeconds: 30, baselineSeconds: 10, timelineSeconds: 10, checkSteps: 150, checkRuns: 4 }
  : { viewers: 200, lines: 1200, tickSeconds: 30, readSeconds: 30, baselineSeconds: 30, timelineSeconds: 30, checkSteps: 500, checkRuns: 4 };

const dataDir = path.resolve(process.env.COUNTDOWN_BENCH_DIR ?? path.join(REPO_ROOT, ".countdown-bench"));
let redis: { url: string; stop(): Promise<void> } | null = null;
if (useRedis) {
  const { startRedisServer } = await import("@/scripts/services/redis-server");
  redis = await startRedisServer(path.join(dataDir, "redis"));
  log(`redis-server at ${redis.url}`);
}
const started = Date.now();
const app: App = await launchApp({ dataDir, port: 3297, redisUrl: redis?.url, log });
let failed = false;
try {
  const figures = await measure(app);
  if (asJson) process.stdout.write(JSON.stringify(figures) + "\n");
  else printTable(figures);
  log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
} catch (err) {
  failed = true;
  log(`failed: ${(err as Error).stack ?? err}`);
} finally {
  await app.stop();
  await redis?.stop();
}
process.exit(failed ? 1 : 0);

async function measure(app: App) {
  log("seeding: users, tokens, a release of 200 items, a release of 5,000 events");
  const manager = await actor("manager");
  const writers = await Promise.all(Array.from({ length: 50 }, (_, i) => actor("manager", `writer${i}`)));
  const big = await releaseOf(manager, { phases: bigPlan(10, 20), procedures: [] });
  const items = big.phases.flatMap((p) => p.items).map((i) => ({ id: i.id, version: i.version, checked: i.checked }));
  const storied = await releaseOf(manager, { phases: SMALL_PLAN, procedures: [] });
  await appendEvents(storied.id, manager.id, 5_000);

  log("baseline: raw LISTEN/NOTIFY round trip");
  const notify = await notifyRoundTrip(app.databaseUrl, quick ? 300 : 1000);

  log(`stream: ${plan.viewers} viewers, ${plan.lines} lines at 20/s`);
  const stream = await streamScenario(app, manager, { viewers: plan.viewers, lines: plan.lines });

  log(`ticks: ${writers.length} managers for ${plan.tickSeconds} s`);
  const ticks = await tickScenario(app, big.id, items, writers, plan.tickSeconds);

  log(`reads: GET /api/releases/:id, 50 connections, ${plan.readSeconds} s`);
  const reads = await load({ url: `${app.url}/api/releases/${big.id}`, connections: 50, duration: plan.readSeconds, headers: manager.headers });
  const baselinePort = await freePort();
  const baseline = await startBaselineServer(app.databaseUrl, await captureReleaseSql(app.databaseUrl, manager.token, big.id), app.dataDir, baselinePort);
  const baselineReads = await load({ url: `http://127.0.0.1:${baselinePort}/`, connections: 50, duration: plan.baselineSeconds }).finally(() => stopProc(baseline));

  log(`timeline: GET /api/releases/:id/timeline of a release with 5,000 events, ${plan.timelineSeconds} s`);
  const timeline = await load({ url: `${app.url}/api/releases/${storied.id}/timeline`, connections: 10, duration: plan.timelineSeconds, headers: manager.headers });

  log(`checks: ${plan.checkRuns} runs of ${plan.checkSteps} http steps on one worker`);
  const checks = await checksScenario(app, manager, { steps: plan.checkSteps, runs: plan.checkRuns });

  return {
    sse_latency_ms: {
      viewers: stream.viewers,
      p50: stream.latency.p50,
      p95: stream.latency.p95,
      p99: stream.latency.p99,
      baseline_p95: notify.p95,
      ratio_to_baseline: round(stream.latency.p95 / Math.max(notify.p95, 0.1)),
    },
    tick_ms: { writers: ticks.writers, p50: ticks.latency.p50, p95: ticks.latency.p95 },
    read_rps: { value: reads.rps, p95_ms: reads.latency.p95, baseline_rps: baselineReads.rps },
    timeline_ms: { events: 5000, p95: timeline.latency.p95 },
    checks_per_s: { value: checks.value },
    rss_mb: stream.rss,
    meta: {
      mode: quick ? "quick" : "full",
      queue: useRedis ? "redis" : "postgres",
      machine: { cpus: os.cpus().length, memory_gb: round(os.totalmem() / 2 ** 30), node: process.version },
      stream: { lines: stream.lines, complete_clients: stream.complete, reconnects: stream.reconnects, samples: stream.latency.n, max_ms: stream.latency.max },
      ticks: { requests: ticks.requests, statuses: ticks.statuses, errors: ticks.errors },
      reads: { requests: reads.requests, statuses: reads.statuses, errors: reads.errors, baseline_p95_ms: baselineReads.latency.p95 },
      timeline: { requests: timeline.requests, statuses: timeline.statuses, p50: timeline.latency.p50 },
      checks,
      notify_baseline: notify,
    },
  };
}

function printTable(f: Awaited<ReturnType<typeof measure>>) {
  const rows: [string, string, string, string, boolean][] = [
    ["sse_latency_ms", `p50 ${f.sse_latency_ms.p50} / p95 ${f.sse_latency_ms.p95} / p99 ${f.sse_latency_ms.p99} (${f.sse_latency_ms.viewers} viewers)`, `NOTIFY p95 ${f.sse_latency_ms.baseline_p95} (x${f.sse_latency_ms.ratio_to_baseline})`, "p95 <= 250, ratio <= 3", f.sse_latency_ms.p95 <= 250 && f.sse_latency_ms.ratio_to_baseline <= 3],
    ["tick_ms", `p50 ${f.tick_ms.p50} / p95 ${f.tick_ms.p95} (${f.tick_ms.writers} writers)`, "", "p95 <= 100", f.tick_ms.p95 <= 100],
    ["read_rps", `${f.read_rps.value} req/s (p95 ${f.read_rps.p95_ms} ms)`, `pg + node:http ${f.read_rps.baseline_rps} req/s`, ">= 500", f.read_rps.value >= 500],
    ["timeline_ms", `p95 ${f.timeline_ms.p95} (${f.timeline_ms.events} events)`, "", "p95 <= 200", f.timeline_ms.p95 <= 200],
    ["checks_per_s", `${f.checks_per_s.value}`, "", ">= 200", f.checks_per_s.value >= 200],
    ["rss_mb", `web ${f.rss_mb.web} / worker ${f.rss_mb.worker} / peak ${f.rss_mb.peak}`, "", "peak <= 600", f.rss_mb.peak <= 600],
  ];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 8));
  console.log(`\nCountdown benchmarks (${f.meta.mode}, queue on ${f.meta.queue}; ${f.meta.machine.cpus} cpus, ${f.meta.machine.memory_gb} GB, node ${f.meta.machine.node})\n`);
  for (const r of rows) console.log(`${r[4] ? "✓" : "✗"} ${r.slice(0, 4).map((c, i) => String(c).padEnd(widths[i])).join("  ")}`);
  console.log();
}
