// Share links (/t/<token>) that open nothing answer with a real status: 404 unknown or revoked, 410 expired. A page
// cannot set those, so this looks the link up first (one indexed read) and lets valid links through to the page,
// which checks again and renders the timeline. Pages get the requested path in a header (for the sign-in callback).
import crypto from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import pg from "pg";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/callback-path";
import { config as settings } from "@/lib/config";

const globalForProxy = globalThis as unknown as { countdownProxyPool?: pg.Pool };
const pool = () => (globalForProxy.countdownProxyPool ??= new pg.Pool({ connectionString: settings().DATABASE_URL, max: 2 }));

const PAGES = {
  404: ["This link does not exist or was revoked", "The release manager may have revoked it. Ask them for a new one."],
  410: ["This link has expired", "Share links last a limited time. Ask the release manager for a new one."],
} as const;

function closedPage(status: 404 | 410, revoked: boolean) {
  const [title, text] = revoked ? ["This link was revoked", "The release manager revoked this share link. Ask them for a new one."] : PAGES[status];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${title} · Countdown</title><style>body{font-family:system-ui,sans-serif;color:#0f172a;background:#f8fafc;margin:0}main{max-width:28rem;margin:4rem auto;padding:0 1.5rem;text-align:center}p{color:#475569;font-size:.875rem}</style></head><body><main data-testid="share-link-closed"><p>Countdown</p><h1>${title}</h1><p>${text}</p></main></body></html>`;
  return new NextResponse(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "referrer-policy": "no-referrer" },
  });
}

/** The token in /t/<token>, or null when its percent-encoding is malformed (/t/%E0): no link has such a token. */
function tokenOf(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname.split("/")[2] ?? "");
  } catch {
    return null; // URIError: not a token we could ever have issued
  }
}

export async function proxy(req: NextRequest) {
  if (!req.nextUrl.pathname.startsWith("/t/")) return withRequestedPath(req);
  const token = tokenOf(req.nextUrl.pathname);
  if (token === null) return closedPage(404, false);
  const hash = crypto.createHash("sha256").update(token).digest("hex");
  const { rows } = await pool().query<{ revoked: boolean; expired: boolean }>(
    `SELECT "revokedAt" IS NOT NULL AS revoked, "expiresAt" <= now() AS expired FROM "ShareLink" WHERE "tokenHash" = $1`,
    [hash],
  );
  const link = rows[0];
  if (!link) return closedPage(404, false);
  if (link.revoked) return closedPage(404, true);
  if (link.expired) return closedPage(410, false);
  const res = NextResponse.next();
  res.headers.set("referrer-policy", "no-referrer");
  return res;
}

/** A page: pass on the URL asked for, so a signed-out visitor returns to it after signing in (app/(dashboard)/layout.tsx). */
function withRequestedPath(req: NextRequest) {
  const headers = new Headers(req.headers);
  headers.set(REQUESTED_PATH_HEADER, req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

// Share links, and every page (not the API, Next's assets or the sign-in page) for the requested path.
export const config = { matcher: ["/t/:token", "/((?!api/|_next/|favicon\\.ico|login|t/).*)"] };
