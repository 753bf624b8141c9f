import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
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

export async function requirePageCaller(path: string): Promise<Caller> {
  const caller = await pageCaller();
  if (!caller) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  return caller;
}
