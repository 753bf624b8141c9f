// Serves one route handler over real HTTP on 127.0.0.1, as Next.js would: a client that hangs up aborts the request's
// signal, and the response body streams as it is written. For the live stream tests, whose behaviour (a stream ends,
// a slot is given back) shows only on a real connection. Each request is stamped with its socket's address, as
// `npm start`'s web process does (scripts/lib/peer-address-hook.mjs).
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { NextRequest } from "next/server";
import { PEER_HEADER } from "@/lib/auth/client-address";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function serveRoute(handler: unknown, params: (url: URL) => Record<string, string>) {
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
    headers.set(PEER_HEADER, req.socket.remoteAddress ?? "");
    const response = await (handler as Handler)(new NextRequest(url, { method: req.method, headers, signal: abort.signal }), {
      params: Promise.resolve(params(url)),
    });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    res.on("close", () => void reader.cancel().catch((err: Error) => void err));
    for (let next = await reader.read(); !next.done; next = await reader.read()) res.write(next.value);
    res.end();
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
