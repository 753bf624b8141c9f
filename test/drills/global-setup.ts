// The drills' app: embedded PostgreSQL in a temp dir, migrations, the production build (reused while the
// sources are unchanged), the web process (scripts/web.ts) and one worker on a queue of its own with a 5 s job lock, so a stalled
// job is taken over quickly. Tests reach it through the environment set here.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchApp } from "../../bench/lib/app";

export default async function setup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "countdown-drills-"));
  fs.chmodSync(dataDir, 0o755); // PostgreSQL runs as its own user (when we are root) and must reach its data dir
  const queue = `drills-${crypto.randomBytes(4).toString("hex")}`;
  const app = await launchApp({
    dataDir,
    env: { COUNTDOWN_QUEUE: queue, COUNTDOWN_JOB_LOCK_MS: "5000" },
    log: (line) => console.log(`[drills] ${line}`),
  });
  Object.assign(process.env, {
    DRILL_APP_URL: app.url,
    DRILL_DATA_DIR: dataDir,
    DATABASE_URL: app.databaseUrl,
    NEXTAUTH_SECRET: app.env.NEXTAUTH_SECRET,
    COUNTDOWN_QUEUE: queue,
  });
  return async () => {
    await app.stop();
    if (process.env.DRILL_KEEP) console.log(`[drills] kept ${dataDir} (logs: web.log, worker.log)`);
    else fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
