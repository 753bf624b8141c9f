// A real HTTP server in front of route handlers, for tests that need real connections and a real event loop (how
// long /api/health takes while an import parses) without a production build. Each request becomes a NextRequest
// with a streaming body, as Next.js makes it; the handler's Response is streamed back.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { nextRequestOf, sendResponse, type RouteHandler } from "@/lib/api/node-http";

export type RouteTable = Record<string, RouteHandler>; // "POST /api/templates/import" -> handler

export async function startRouteServer(routes: RouteTable): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const request = nextRequestOf(req, res);
    const handler = routes[`${req.method} ${request.nextUrl.pathname}`];
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    await sendResponse(await handler(request, { params: Promise.resolve({}) }), res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
