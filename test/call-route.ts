// Calls a route handler as Next.js would, with a real NextRequest: the route wrapper (auth, roles, zod, error
// mapping) runs for real, without starting a server.
import { NextRequest } from "next/server";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
export const ROUTE_BASE = "http://countdown.test";

export function callRoute(handler: unknown, path: string, params: Record<string, string>, init: { method?: string; token?: string; body?: unknown } = {}) {
  const req = new NextRequest(`${ROUTE_BASE}${path}`, {
    method: init.method ?? "GET",
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  return (handler as Handler)(req, { params: Promise.resolve(params) });
}
