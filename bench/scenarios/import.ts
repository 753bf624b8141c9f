// Importing a ~1 MB runbook (the three example runbooks repeated) through POST /api/templates/import, one at a
// time: parse, save (one INSERT per table) and answer with the whole template. Issue #4's bar: within a second.
import fs from "node:fs";
import path from "node:path";
import type { App } from "../lib/app";
import { load } from "../lib/load";
import type { Actor } from "../lib/seed";
import { REPO_ROOT } from "@/scripts/services/database";

export function megabyteRunbook(): string {
  const dir = path.join(REPO_ROOT, "lib/runbook/fixtures");
  const all = fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n\n");
  const text = Array(Math.ceil(1_000_000 / all.length))
    .fill(all)
    .join("\n\n");
  // Under the route's 1 MiB limit.
  return text.slice(0, text.lastIndexOf("\n\n", 1_040_000));
}

export async function importScenario(app: App, manager: Actor, imports: number) {
  const body = megabyteRunbook();
  // One import first so the figures are of a warm process, as on a server that has been up.
  await fetch(`${app.url}/api/templates/import?name=warm-up`, { method: "POST", headers: { ...manager.headers, "content-type": "text/markdown" }, body });
  const result = await load({
    url: `${app.url}/api/templates/import?name=bench`,
    method: "POST",
    headers: { ...manager.headers, "content-type": "text/markdown" },
    body,
    connections: 1,
    amount: imports,
    timeout: 30,
  });
  return { bytes: Buffer.byteLength(body), imports: result.requests, statuses: result.statuses, latency: result.latency };
}
