import "server-only";
import type { NextRequest } from "next/server";
import { config } from "@/lib/config";

/** Where links we hand out point: NEXTAUTH_URL (the app's public URL) when set, else the request's origin. */
export function publicBaseUrl(req: NextRequest): string {
  return config().NEXTAUTH_URL ?? req.nextUrl.origin;
}
