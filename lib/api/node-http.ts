// A route handler served from a plain Node HTTP server, as Next.js serves it: the request becomes a NextRequest
// (streaming body, an abort signal that fires when the client hangs up), the handler's Response is written back as
// it streams. The web process (scripts/web.ts) serves the live stream this way, and the tests serve handlers over
// real HTTP without a production build (test/serve-route.ts, test/route-server.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { NextRequest } from "next/server";

export type RouteHandler = (req: NextRequest, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

/** The NextRequest a route handler gets for this Node request; its signal aborts when the client goes away. */
export function nextRequestOf(req: IncomingMessage, res: ServerResponse): NextRequest {
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  // The parsed headers, not the raw ones: the web process stamps the socket's address there, over any copy the
  // client sent (scripts/lib/peer-address-hook.mjs).
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const init = {
    method: req.method,
    headers,
    signal: abort.signal,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    duplex: "half",
  };
  return new NextRequest(url, init as ConstructorParameters<typeof NextRequest>[1]);
}

/** Writes a handler's Response to the Node response, streaming its body; a client that hangs up cancels the body. */
export async function sendResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = Object.fromEntries(response.headers);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  const body = Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>);
  res.on("close", () => body.destroy());
  try {
    for await (const chunk of body) res.write(chunk);
  } catch (err) {
    // A client that went away ends the body that way; any other failure is worth a line, and the answer is cut off.
    if (!res.destroyed) console.error("[web] a response body failed:", (err as Error).message);
    res.destroy();
    return;
  }
  res.end();
}
