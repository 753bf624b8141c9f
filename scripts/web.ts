// The web process (npm start, the benchmarks, the drills): Next.js serves the pages and the API on a Node HTTP
// server of our own, so that one path, a release's live stream, is written straight onto its sockets. The stream's
// route handler still decides everything (sign-in or share link, caps, what the caller may read); only the bytes
// skip Next.js's body plumbing, which costs a few promises per chunk per viewer and some 70 KB per open stream
// (docs/scaling.md, "Live streams"). `next start` alone serves the same stream through the body instead.
//
//   node --conditions=react-server --import tsx scripts/web.ts [--dev] [-p 3000] [-H 0.0.0.0]
import http from "node:http";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "./services/database";

const { values } = parseArgs({
  options: { dev: { type: "boolean", default: false }, port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
});
const dev = values.dev;
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? "0.0.0.0";
// As `next start` and `next dev` do, before Next.js or any app module reads it.
(process.env as Record<string, string>).NODE_ENV ??= dev ? "development" : "production";

const { default: next } = await import("next");
const app = next({ dev, dir: REPO_ROOT, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

// After prepare(): Next.js sets up its server globals (AsyncLocalStorage) then, and `next/server` needs them.
const { nextRequestOf, sendResponse } = await import("@/lib/api/node-http");
const { mapError } = await import("@/lib/api/map-error");
const { serveOnSocket } = await import("@/lib/stream/release-stream");
const { GET: releaseStreamRoute } = await import("@/app/api/releases/[id]/stream/route");

const STREAM_PATH = /^\/api\/releases\/([^/?]+)\/stream(?:\?|$)/;

const server = http.createServer((req, res) => {
  const stream = req.method === "GET" ? STREAM_PATH.exec(req.url ?? "") : null;
  if (!stream) return void handle(req, res);
  void (async () => {
    const response = await releaseStreamRoute(nextRequestOf(req, res), { params: Promise.resolve({ id: decoded(stream[1]) }) });
    if (!serveOnSocket(response, res)) await sendResponse(response, res);
  })().catch((err: Error) => {
    // The route wrapper maps every error to an answer; this is a bug or a socket gone mid-answer.
    console.error("[web] live stream:", err.message);
    if (res.headersSent) return void res.destroy();
    const { status, body } = mapError(err);
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
});
/** A path segment as Next.js hands it to a route (percent-decoded); one that does not decode is passed on as it is. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

server.on("upgrade", (req, socket, head) => void app.getUpgradeHandler()(req, socket, head));
server.listen(port, hostname, () => console.log(`ready on http://${hostname}:${port}${dev ? " (dev)" : ""}`));

// Stopped by npm start (SIGTERM to the group) or by hand: open streams would keep close() waiting, so go at once;
// viewers reconnect with Last-Event-ID to whichever web process answers.
for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
