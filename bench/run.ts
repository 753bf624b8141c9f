// npm run bench [-- --quick] [--json] [--redis] [--only ticks,reads] [--keep-data]: starts the app (embedded PostgreSQL in .countdown-bench/, the
// production build, web + one worker; --redis puts the queue on a redis-server of its own), seeds its own data,
// loads it and prints the launch-day figures beside their raw baselines (bench/README.md).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchApp, stopProc, type App } from "./lib/app";
import { REPO_ROOT } from "@/scripts/services/database";
import { freePort } from "@/scripts/services/embedded-postgres";
import { actor, appendEvents, bigPlan, releaseOf, SMALL_PLAN } from "./lib/seed";
import { load } from "./lib/load";
import { round } from "./lib/stats";
import { fanoutBaseline } from "./scenarios/fanout-baseline";
import { captureReleaseSql, startBaselineServer } from "./scenarios/read-baseline";
import { streamScenario } from "./scenarios/stream";
import { tickScenario } from "./scenarios/ticks";
import { tickOpenScenario } from "./scenarios/tick-open";
import { checksScenario } from "./scenarios/checks";
import { importScenario } from "./scenarios/import";
import { healthUnderImportScenario } from "./scenarios/health-under-import";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
const asJson = args.has("--json");
const useRedis = args.has("--redis");
// --only stream,tick_open,tick_ceiling,reads,timeline,checks,import,health_under_import: run just these scenarios (for profiling one
// figure; `ticks` is both tick scenarios); the JSON then has only their keys. COUNTDOWN_BENCH_CPU_PROF=<dir> makes the web process write a CPU profile there (bench/lib/app.ts).
const onlyArg = process.argv.slice(2).find((a, i, all) => all[i - 1] === "--only" || a.startsWith("--only="));
const only = new Set(
  (onlyArg?.replace("--only=", "") ?? "stream,ticks,reads,timeline,checks,import,health_under_import").replace("ticks", "tick_open,tick_ceiling").split(","),
);
const log = (line: string) => process.stderr.write(`bench | ${line}\n`);

const plan = quick
  ? {
      viewers: 5_000,
      lines: 100,
      lineEveryMs: 100,
      tickSeconds: 10,
      readSeconds: 30,
      baselineSeconds: 10,
      timelineSeconds: 10,
      checkSteps: 150,
      checkRuns: 4,
      imports: 5,
    }
  : {
      viewers: 5_000,
      lines: 600,
      lineEveryMs: 100,
      tickSeconds: 30,
      readSeconds: 30,
      baselineSeconds: 30,
      timelineSeconds: 30,
      checkSteps: 500,
      checkRuns: 4,
      imports: 10,
    };

const dataDir = path.resolve(process.env.COUNTDOWN_BENCH_DIR ?? path.join(REPO_ROOT, ".countdown-bench"));
// Every run starts from an empty database: rows piled up by earlier runs (each imports ten thousand template rows)
// made later runs slower. --keep-data keeps them.
if (!args.has("--keep-data")) fs.rmSync(dataDir, { recursive: true, force: true });
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
  const figures: Figures = {};
  const meta: Record<string, unknown> = {
    mode: quick ? "quick" : "full",
    queue: useRedis ? "redis" : "postgres",
    machine: { cpus: os.cpus().length, memory_gb: round(os.totalmem() / 2 ** 30), node: process.version, load_avg_at_start: os.loadavg().map(round) },
  };
  const big =
    only.has("tick_open") || only.has("tick_ceiling") || only.has("reads") ? await releaseOf(manager, { phases: bigPlan(10, 20), procedures: [] }) : null;

  if (only.has("stream")) {
    const pace = { viewers: plan.viewers, lines: plan.lines, everyMs: plan.lineEveryMs };
    log(`stream: ${plan.viewers} viewers on one web process, ${plan.lines} lines ${plan.lineEveryMs} ms apart`);
    const stream = await streamScenario(app, manager, pace);
    log(`baseline: the same ${plan.viewers} viewers on a plain node:http fan-out, the same lines at the same pace`);
    const floor = await fanoutBaseline(app.dataDir, pace);
    figures.sse_latency_ms = {
      viewers: stream.viewers,
      p50: stream.latency.p50,
      p95: stream.latency.p95,
      p99: stream.latency.p99,
      baseline_p95: floor.latency.p95,
      ratio_to_baseline: round(stream.latency.p95 / Math.max(floor.latency.p95, 1)),
    };
    figures.rss_mb = stream.rss;
    meta.stream = {
      lines: stream.lines,
      line_every_ms: plan.lineEveryMs,
      connect_s: stream.connect_s,
      web_rss_connected_mb: stream.web_rss_connected_mb,
      complete_viewers: stream.complete,
      reconnects: stream.reconnects,
      samples: stream.latency.n,
      max_ms: stream.latency.max,
    };
    meta.fanout_baseline = { complete_viewers: floor.complete, reconnects: floor.reconnects, ...floor.latency };
    meta.load_avg_after_stream = os.loadavg().map(round);
  }

  const items = big?.phases.flatMap((p) => p.items).map((i) => ({ id: i.id, version: i.version, checked: i.checked })) ?? [];
  const writers =
    only.has("tick_open") || only.has("tick_ceiling") ? await Promise.all(Array.from({ length: 50 }, (_, i) => actor("manager", `writer${i}`))) : [];
  if (only.has("tick_open")) {
    log(`tick_open: 100 ticks/s offered on one release for ${plan.tickSeconds} s (open loop)`);
    const open = await tickOpenScenario(app, big!.id, items, writers, { perSecond: 100, seconds: plan.tickSeconds });
    figures.tick_open_ms = { p50: open.latency.p50, p95: open.latency.p95, offered_per_s: open.offered_per_s };
    meta.tick_open = { ticks: open.ticks, statuses: open.statuses, p99: open.latency.p99, max: open.latency.max, load_avg: os.loadavg().map(round) };
  }

  if (only.has("tick_ceiling")) {
    log(`tick_ceiling: ${writers.length} managers ticking for ${plan.tickSeconds} s (closed loop), then GET /api/health/live the same way`);
    const ticks = await tickScenario(app, big!.id, items, writers, plan.tickSeconds);
    await load({ url: `${app.url}/api/health/live`, connections: 10, amount: 200 }); // warm-up, not measured
    const ceiling = await load({ url: `${app.url}/api/health/live`, connections: writers.length, duration: plan.tickSeconds });
    figures.tick_ceiling_ratio = { value: round(ticks.rps / Math.max(ceiling.rps, 1), 2), ticks_per_s: ticks.rps, ceiling_rps: ceiling.rps };
    meta.tick_ceiling = {
      ticks: { requests: ticks.requests, statuses: ticks.statuses, errors: ticks.errors, p50: ticks.latency.p50, p95: ticks.latency.p95 },
      ceiling: { requests: ceiling.requests, statuses: ceiling.statuses, errors: ceiling.errors, p95: ceiling.latency.p95 },
      load_avg: os.loadavg().map(round),
    };
  }

  if (only.has("reads")) {
    log(`reads: GET /api/releases/:id, 50 connections, ${plan.readSeconds} s`);
    const reads = await load({ url: `${app.url}/api/releases/${big!.id}`, connections: 50, duration: plan.readSeconds, headers: manager.headers });
    const baselinePort = await freePort();
    const baseline = await startBaselineServer(app.databaseUrl, await captureReleaseSql(app.databaseUrl, manager.token, big!.id), app.dataDir, baselinePort);
    const baselineReads = await load({ url: `http://127.0.0.1:${baselinePort}/`, connections: 50, duration: plan.baselineSeconds }).finally(() =>
      stopProc(baseline),
    );
    figures.read_rps = { value: reads.rps, p95_ms: reads.latency.p95, baseline_rps: baselineReads.rps };
    meta.reads = { requests: reads.requests, statuses: reads.statuses, errors: reads.errors, baseline_p95_ms: baselineReads.latency.p95 };
  }

  if (only.has("timeline")) {
    const storied = await releaseOf(manager, { phases: SMALL_PLAN, procedures: [] });
    await appendEvents(storied.id, manager.id, 5_000);
    log(`timeline: GET /api/releases/:id/timeline of a release with 5,000 events, ${plan.timelineSeconds} s`);
    const timeline = await load({
      url: `${app.url}/api/releases/${storied.id}/timeline`,
      connections: 10,
      duration: plan.timelineSeconds,
      headers: manager.headers,
    });
    figures.timeline_ms = { events: 5000, p95: timeline.latency.p95 };
    meta.timeline = { requests: timeline.requests, statuses: timeline.statuses, p50: timeline.latency.p50 };
  }

  if (only.has("checks")) {
    log(`checks: ${plan.checkRuns} runs of ${plan.checkSteps} http steps on one worker`);
    const checks = await checksScenario(app, manager, { steps: plan.checkSteps, runs: plan.checkRuns });
    figures.checks_per_s = { value: checks.value };
    meta.checks = checks;
  }
  if (only.has("import")) {
    log(`import: a ~1 MB runbook through POST /api/templates/import, ${plan.imports} times`);
    const imported = await importScenario(app, manager, plan.imports);
    figures.import_ms = { bytes: imported.bytes, p50: imported.latency.p50, p95: imported.latency.p95 };
    meta.import = { imports: imported.imports, statuses: imported.statuses };
  }
  if (only.has("health_under_import")) {
    log("health_under_import: GET /api/health every 50 ms while the pathological corpus imports, one document at a time");
    const health = await healthUnderImportScenario(app, manager);
    figures.health_under_import_ms = { documents: health.documents, p50: health.latency.p50, p95: health.latency.p95, max: health.latency.max };
    meta.health_under_import = { polls: health.latency.n, import_statuses: health.statuses };
  }
  return { ...figures, meta };
}

type Figures = {
  sse_latency_ms?: { viewers: number; p50: number; p95: number; p99: number; baseline_p95: number; ratio_to_baseline: number };
  tick_open_ms?: { p50: number; p95: number; offered_per_s: number };
  tick_ceiling_ratio?: { value: number; ticks_per_s: number; ceiling_rps: number };
  read_rps?: { value: number; p95_ms: number; baseline_rps: number };
  timeline_ms?: { events: number; p95: number };
  checks_per_s?: { value: number };
  rss_mb?: { web: number; worker: number; peak: number };
  import_ms?: { bytes: number; p50: number; p95: number };
  health_under_import_ms?: { documents: number; p50: number; p95: number; max: number };
};

function printTable(f: Awaited<ReturnType<typeof measure>>) {
  const rows: [string, string, string, string, boolean][] = [];
  const { sse_latency_ms: sse, tick_open_ms: tick, tick_ceiling_ratio: ceiling, read_rps: reads, timeline_ms: timeline, checks_per_s: checks, rss_mb: rss } = f;
  if (sse)
    rows.push([
      "sse_latency_ms",
      `p50 ${sse.p50} / p95 ${sse.p95} / p99 ${sse.p99} (${sse.viewers} viewers)`,
      `plain node:http fan-out p95 ${sse.baseline_p95} (x${sse.ratio_to_baseline})`,
      "p95 <= 500, ratio <= 3",
      sse.p95 <= 500 && sse.ratio_to_baseline <= 3,
    ]);
  if (tick) rows.push(["tick_open_ms", `p50 ${tick.p50} / p95 ${tick.p95} (${tick.offered_per_s}/s offered, open loop)`, "", "p95 <= 100", tick.p95 <= 100]);
  if (ceiling)
    rows.push([
      "tick_ceiling_ratio",
      `${ceiling.value} (${ceiling.ticks_per_s} ticks/s, closed loop)`,
      `GET /api/health/live ${ceiling.ceiling_rps} req/s`,
      ">= 0.5",
      ceiling.value >= 0.5,
    ]);
  if (reads)
    rows.push(["read_rps", `${reads.value} req/s (p95 ${reads.p95_ms} ms)`, `pg + node:http ${reads.baseline_rps} req/s`, ">= 500", reads.value >= 500]);
  if (timeline) rows.push(["timeline_ms", `p95 ${timeline.p95} (${timeline.events} events)`, "", "p95 <= 200", timeline.p95 <= 200]);
  if (checks) rows.push(["checks_per_s", `${checks.value}`, "", ">= 200", checks.value >= 200]);
  if (f.import_ms) {
    // A 422 is the parser's time budget running out (TOO_COMPLEX): the figure is then of a refusal, not an import.
    const statuses = (f.meta as { import?: { statuses: Record<string, number> } }).import?.statuses ?? {};
    const refused = Object.entries(statuses).filter(([status]) => status !== "201");
    rows.push([
      "import_ms",
      `p50 ${f.import_ms.p50} / p95 ${f.import_ms.p95} (${Math.round(f.import_ms.bytes / 1024)} KiB)${refused.map(([s, n]) => `; ${n} x ${s}`).join("")}`,
      "",
      "p95 <= 1000, every answer 201",
      f.import_ms.p95 <= 1000 && refused.length === 0,
    ]);
  }
  const hui = f.health_under_import_ms;
  if (hui)
    rows.push([
      "health_under_import_ms",
      `p50 ${hui.p50} / p95 ${hui.p95} / max ${hui.max} (${hui.documents} documents)`,
      "",
      "p95 <= 200, max <= 1000",
      hui.p95 <= 200 && hui.max <= 1000,
    ]);
  if (rss)
    rows.push([
      "rss_mb",
      `web ${rss.web} / worker ${rss.worker} / peak ${rss.peak}`,
      `with ${sse?.viewers ?? "the"} viewers connected`,
      "peak <= 700",
      rss.peak <= 700,
    ]);
  const m = f.meta as { mode: string; queue: string; machine: { cpus: number; memory_gb: number; node: string; load_avg_at_start: number[] } };
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), 8));
  console.log(
    `\nCountdown benchmarks (${m.mode}, queue on ${m.queue}; ${m.machine.cpus} cpus, ${m.machine.memory_gb} GB, node ${m.machine.node}; load ${m.machine.load_avg_at_start.join(" ")} at the start, ${os.loadavg().map(round).join(" ")} at the end)\n`,
  );
  for (const r of rows)
    console.log(
      `${r[4] ? "✓" : "✗"} ${r
        .slice(0, 4)
        .map((c, i) => String(c).padEnd(widths[i]))
        .join("  ")}`,
    );
  console.log();
}
