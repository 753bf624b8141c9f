import "server-only";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { db } from "@/lib/db";
import { userForToken } from "@/lib/auth/api-tokens";
import { cachedCaller } from "@/lib/auth/caller-cache";
import type { Caller } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { config } from "@/lib/config";

type UserRow = { id: string; email: string; name: string; role: Caller["role"]; groups: string[]; disabledAt: Date | null };

function toCaller(user: Omit<UserRow, "disabledAt">, via: Caller["via"]): Caller {
  return { id: user.id, email: user.email, name: user.name, role: user.role, groups: user.groups, via };
}

/** The signed-in caller from a bearer token or the session cookie; null when anonymous. */
export async function authenticate(req: NextRequest): Promise<Caller | null> {
  const header = req.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match ? await userForToken(match[1]) : null;
    if (!user) throw new AppError("UNAUTHENTICATED", "The API token is invalid, expired or revoked");
    return { ...toCaller(user, "token"), scopes: user.scopes, tokenId: user.tokenId, expiresAt: user.expiresAt };
  }
  const session = await getToken({ req, secret: config().NEXTAUTH_SECRET });
  if (!session?.sub) return null;
  const caller = await sessionCaller(session.sub);
  return caller && typeof session.exp === "number" ? { ...caller, expiresAt: new Date(session.exp * 1000) } : caller;
}

/** The caller of a session (cookie) whose user is `id`, read fresh (role, disabled) or from the caller cache. */
export async function sessionCaller(id: string): Promise<Caller | null> {
  const user = await cachedCaller(`session:${id}`, async () => {
    const row = await db().user.findUnique({ where: { id }, select: { id: true, email: true, name: true, role: true, groups: true, disabledAt: true } });
    return row && !row.disabledAt ? row : null;
  });
  return user ? toCaller(user, "session") : null;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The host of an Origin header, or null when it has none: `Origin: null` (sandboxed frames, file: pages, some
 * redirects) and anything unparsable are no origin at all, so the request is refused like a cross-site one.
 */
function originHost(origin: string | null): string | null {
  if (!origin || !URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.protocol === "http:" || url.protocol === "https:" ? url.host : null;
}

/**
 * next-auth's CSRF token guards only its own endpoints: a cookie-authenticated mutation must come from our
 * own pages (Sec-Fetch-Site same-origin, or an Origin equal to our host).
 */
export function assertSameOrigin(req: NextRequest, caller: Caller): void {
  if (caller.via !== "session" || SAFE_METHODS.has(req.method)) return;
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  const origin = originHost(req.headers.get("origin"));
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin && host && origin === host && site !== "cross-site") return;
  throw new AppError("FORBIDDEN", "Cross-site request refused: send the request from Countdown's own pages or use an API token");
}
