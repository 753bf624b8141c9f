import "server-only";
import type { NextRequest } from "next/server";
import { releaseForShareToken } from "@/lib/share/share-token";

/**
 * A share link's holder: may read one release's timeline and stakeholder stream, nothing else. Only routes
 * whose spec says `share: true` ever resolve one (lib/api/route.ts); everywhere else the token is no credential.
 */
export type ShareCaller = { kind: "share"; releaseId: string; linkId: string };

export function isShareCaller(caller: unknown): caller is ShareCaller {
  return typeof caller === "object" && caller !== null && (caller as { kind?: unknown }).kind === "share";
}

/** The share token of a request: `Authorization: Share <token>` or `?share=<token>`; null when there is none. */
export function shareTokenFrom(req: NextRequest): string | null {
  const header = /^Share\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  return header?.[1] ?? req.nextUrl.searchParams.get("share");
}

export async function shareCaller(token: string): Promise<ShareCaller> {
  return { kind: "share", ...(await releaseForShareToken(token)) };
}
