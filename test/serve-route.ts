// Serves one route handler over real HTTP on 127.0.0.1, as the web process does (scripts/web.ts): a client that hangs
// up aborts the request's signal, a live stream is written straight onto the socket, any other answer streams as it
// is written. `through: "body"` serves a live stream through its response body instead, as `next start` does. For
// the live stream tests, whose behaviour (a stream ends, a slot is given back) shows only on a real connection. Each
// request is stamped with its socket's address, as `npm start`'s web process does (scripts/lib/peer-address-hook.mjs).
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { PEER_HEADER } from "@/lib/auth/client-address";
import { nextRequestOf, sendResponse, type RouteHandler } from "@/lib/api/node-http";
import { serveOnSocket } from "@/lib/stream/release-stream";

export async function serveRoute(handler: unknown, params: (url: URL) => Record<string, string>, options: { through?: "socket" | "body" } = {}) {
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
    const request = nextRequestOf(req, res);
    const response = await (handler as RouteHandler)(request, { params: Promise.resolve(params(request.nextUrl)) });
    if (options.through === "body" || !serveOnSocket(response, res)) await sendResponse(response, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** An open SSE connection: everything read so far, and a way to wait for more or hang up. */
export async function openStream(url: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: abort.signal });
  const stream = { res, text: "", ended: false, error: null as Error | null, close: () => abort.abort() };
  if (res.ok && res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (let next = await reader.read(); !next.done; next = await reader.read()) stream.text += next.value;
      } catch (err) {
        if (!abort.signal.aborted) stream.error = err as Error;
      } finally {
        stream.ended = true;
      }
    })();
  } else stream.ended = true;
  return stream;
}

export { waitFor } from "@/test/wait-for";
