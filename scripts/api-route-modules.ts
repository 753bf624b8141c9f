// npm run api:routes: writes app/api/openapi.json/route-modules.ts, the list of every route file the API reference
// reads (lib/api/openapi.test.ts fails when a route file is missing from it).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const API = path.join(ROOT, "app/api");
const OUT = path.join(API, "openapi.json/route-modules.ts");

function routeFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? routeFiles(path.join(dir, entry.name)) : entry.name === "route.ts" ? [path.join(dir, entry.name)] : []));
}

// next-auth's handler is not a wrapper route, and the reference's own route adds itself.
const routes = routeFiles(API)
  .map((file) => "/" + path.relative(ROOT, path.dirname(file)).replace(/^app\//, ""))
  .filter((route) => !route.includes("[...nextauth]") && route !== "/api/openapi.json");

const lines = [
  "// Every route file of app/api, for the API reference; written by `npm run api:routes` (scripts/api-route-modules.ts).",
  'import type { RouteModule } from "@/lib/api/openapi";',
  ...routes.map((route, i) => `import * as r${i} from "@/app${route}/route";`),
  "",
  "export const routeModules: RouteModule[] = [",
  ...routes.map((route, i) => `  { path: "${route.replace(/\[(\w+)\]/g, "{$1}")}", module: r${i} },`),
  "];",
  "",
];
fs.writeFileSync(OUT, lines.join("\n"));
// Written as the formatter would, so `npm run format:check` (a step of npm test) stays quiet.
spawnSync(path.join(ROOT, "node_modules", ".bin", "prettier"), ["--write", OUT], { stdio: "ignore" });
console.log(`${routes.length} routes written to ${path.relative(ROOT, OUT)}`);
