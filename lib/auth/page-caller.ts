import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { REQUESTED_PATH_HEADER, safeCallbackPath } from "@/lib/auth/callback-path";
import { sessionCaller } from "@/lib/auth/authenticate";
import { authOptions } from "@/lib/auth/options";
import type { Caller } from "@/lib/auth/roles";

/** The signed-in user for a server-rendered page, current as of the last change to users (lib/auth/caller-cache.ts). */
export async function pageCaller(): Promise<Caller | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return sessionCaller(id);
}

/**
 * The signed-in user, or a redirect to sign in and back: to the URL asked for (path and query, named by proxy.ts),
 * else to `path`. The layout and the page both ask; whichever redirects first, they send the visitor to the same place.
 */
export async function requirePageCaller(path: string): Promise<Caller> {
  const caller = await pageCaller();
  if (!caller) {
    const requested = (await headers()).get(REQUESTED_PATH_HEADER);
    redirect(`/login?callbackUrl=${encodeURIComponent(safeCallbackPath(requested ?? path))}`);
  }
  return caller;
}
