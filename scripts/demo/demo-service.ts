// The demo target `npm start` runs beside the app: a tiny web service with a version that the demo release
// deploys to, smoke-tests and rolls back. A version containing "broken" answers /health with 500 (and drops its
// security header), so choosing one shows a failed deploy and the automatic rollback. A version containing
// "leaky" is healthy but its error rate (/metrics.json) climbs after the deploy: the deploy's watch step
// catches it and the release rolls itself back. The deploy is a canary: the new version first takes a share of
// the traffic (POST /admin/weight?weight=10), so the error rate the service reports is the two versions' rates
// mixed by that weight, and a leaky version is caught at a partial weight.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

/** `weight`: percent of traffic on `version` (the rest still on `previous`); absent means all of it. */
type State = { version: string; previous: string | null; restartingUntil: number; deployedAt?: number; weight?: number };

const port = Number(process.env.DEMO_PORT ?? 3001);
const token = process.env.DEMO_DEPLOY_TOKEN ?? "";
const stateFile = path.join(process.env.DEMO_STATE_DIR ?? ".countdown/demo-service", "state.json");
const RESTART_MS = 1_500;

function load(): State {
  return fs.existsSync(stateFile) ? (JSON.parse(fs.readFileSync(stateFile, "utf8")) as State) : { version: "2.3.9", previous: null, restartingUntil: 0 };
}

function save(state: State) {
  fs.mkdirSync(path.dirname(stateFile), { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state));
}

function authorised(req: http.IncomingMessage): boolean {
  const given = Buffer.from(req.headers.authorization ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return token.length > 0 && given.length === wanted.length && crypto.timingSafeEqual(given, wanted);
}

function send(res: http.ServerResponse, status: number, body: unknown, broken = false) {
  res.writeHead(status, {
    "content-type": "application/json",
    ...(broken
      ? { "x-powered-by": "demo-service" }
      : { "strict-transport-security": "max-age=63072000; includeSubDomains", "x-content-type-options": "nosniff" }),
  });
  res.end(JSON.stringify(body));
}

/**
 * Percent of requests failing: low and steady, except for a "leaky" version, where it climbs by 0.4 a second;
 * mixed with the previous version's 0.2 by the traffic weight the canary has set.
 */
function errorRate(state: State): number {
  if (!state.version.includes("leaky")) return 0.2;
  const seconds = (Date.now() - (state.deployedAt ?? Date.now())) / 1000;
  const share = (state.weight ?? 100) / 100;
  return Math.round((0.2 * (1 - share) + (0.2 + 0.4 * seconds) * share) * 100) / 100;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
  const state = load();
  const broken = state.version.includes("broken");
  if (req.method === "POST" && url.pathname.startsWith("/admin/")) {
    if (!authorised(req)) return send(res, 401, { error: "deploy token required" });
    if (url.pathname === "/admin/deploy") {
      const version = url.searchParams.get("version");
      if (!version || !/^[\w.+-]{1,64}$/.test(version)) return send(res, 400, { error: "version is required" });
      save({ version, previous: state.version, restartingUntil: Date.now() + RESTART_MS, deployedAt: Date.now(), weight: 0 });
      return send(res, 200, { deployed: version, previous: state.version, restarting: true, weight: 0 });
    }
    if (url.pathname === "/admin/weight") {
      const weight = Number(url.searchParams.get("weight"));
      if (!Number.isInteger(weight) || weight < 0 || weight > 100) return send(res, 400, { error: "weight must be an integer 0..100" });
      save({ ...state, weight });
      return send(res, 200, { version: state.version, weight });
    }
    if (url.pathname === "/admin/rollback") {
      if (!state.previous) return send(res, 409, { error: "nothing to roll back to" });
      save({ version: state.previous, previous: state.version, restartingUntil: Date.now() + RESTART_MS, deployedAt: Date.now() });
      return send(res, 200, { rolledBackTo: state.previous, from: state.version });
    }
    return send(res, 404, { error: "unknown admin action" });
  }
  if (Date.now() < state.restartingUntil) return send(res, 503, { status: "restarting", version: state.version });
  if (url.pathname === "/health")
    return broken
      ? send(res, 500, { status: "error", version: state.version, error: "cannot reach the payments database" }, true)
      : send(res, 200, { status: "ok", version: state.version });
  if (url.pathname === "/metrics.json") return send(res, 200, { errorRatePercent: errorRate(state), version: state.version, weight: state.weight ?? 100 });
  if (url.pathname === "/version") return send(res, 200, { version: state.version }, broken);
  if (url.pathname === "/") return send(res, 200, { service: "checkout (Countdown demo)", version: state.version }, broken);
  return send(res, 404, { error: "not found" });
});

server.listen(port, "127.0.0.1", () => console.log(`demo service on http://127.0.0.1:${port} (version ${load().version})`));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.close(() => process.exit(0)));
