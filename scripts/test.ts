// npm test: everything, in order, stopping at the first failure: types, lint, unit, integration (real
// PostgreSQL, and Redis for the Redis queue backend), then Playwright in Debian's Chromium against the built app.
// Missing system packages are installed with apt when root; otherwise we stop with the command to run.
import { spawnSync } from "node:child_process";
import { ensureDebianPackage } from "./lib/system-packages";

type Step = { name: string; command: string; args: string[]; env?: Record<string, string> };

const npx = (tool: string, ...args: string[]): Pick<Step, "command" | "args"> => ({ command: "npx", args: ["--no-install", tool, ...args] });

const chromium = ensureDebianPackage("chromium", "chromium");
ensureDebianPackage("redis-server", "redis-server");

const steps: Step[] = [
  { name: "typecheck", ...npx("tsc", "--noEmit") },
  { name: "lint", ...npx("eslint", ".", "--max-warnings=0") },
  { name: "format", ...npx("prettier", "--check", ".") },
  { name: "unit tests", ...npx("vitest", "run", "--project", "unit") },
  { name: "integration tests (PostgreSQL, Redis)", ...npx("vitest", "run", "--project", "integration") },
  { name: "runs on the Redis queue backend", ...npx("vitest", "run", "--project", "integration", "lib/runs"), env: { COUNTDOWN_TEST_QUEUE: "redis" } },
  {
    name: "fault drills (the built app, worker kill, database restart, npm start supervision, many processes)",
    command: "npm",
    args: ["run", "-s", "test:faults"],
  },
  { name: "end-to-end tests (Chromium)", ...npx("playwright", "test"), env: { CHROMIUM_PATH: chromium } },
];

const results: { name: string; seconds: number; ok: boolean }[] = [];
for (const step of steps) {
  console.log(`\n━━━ ${step.name} ━━━`);
  const started = Date.now();
  const run = spawnSync(step.command, step.args, { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...step.env } });
  const ok = run.status === 0;
  results.push({ name: step.name, seconds: Math.round((Date.now() - started) / 1000), ok });
  if (!ok) break;
}

console.log("\n━━━ summary ━━━");
for (const r of results) console.log(`${r.ok ? "✓" : "✗"} ${r.name} (${r.seconds} s)`);
const failed = results.filter((r) => !r.ok).length;
const notRun = steps.length - results.length;
if (notRun) console.log(`${notRun} step(s) not run after the failure`);
console.log(`${results.length - failed} passed, ${failed + notRun} failed`);
process.exit(failed || notRun ? 1 : 0);
