// Calls a route handler as Next.js would, with a real NextRequest: the route wrapper (auth, roles, zod, error
// mapping) runs for real, without starting a server.
import { NextRequest } from "next/server";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export const ROUTE_BASE = "http://countdown.test";

/** `body` is sent as JSON; `text` as it is (a Markdown runbook), with `contentType`. */
export function callRoute(
  handler: unknown,
  path: string,
  params: Record<string, string>,
  init: { method?: string; token?: string; body?: unknown; text?: string; contentType?: string; signal?: AbortSignal } = {},
) {
  const json = init.body !== undefined;
  const req = new NextRequest(`${ROUTE_BASE}${path}`, {
    method: init.method ?? "GET",
    headers: {
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(json ? { "content-type": "application/json" } : init.text !== undefined ? { "content-type": init.contentType ?? "text/plain" } : {}),
    },
    body: json ? JSON.stringify(init.body) : init.text,
    signal: init.signal,
  });
  return (handler as Handler)(req, { params: Promise.resolve(params) });
}
