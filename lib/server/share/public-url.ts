import "server-only";
import type { NextRequest } from "next/server";

/** Where links we hand out point: NEXTAUTH_URL (the app's public URL) when set, else the request's origin. */
export function publicBaseUrl(req: NextRequest): string {
  return process.env.NEXTAUTH_URL ?? req.nextUrl.origin;
}
