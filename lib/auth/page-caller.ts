import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/lib/db";
import { authOptions } from "@/lib/auth/options";
import type { Caller } from "@/lib/auth/roles";

/** The signed-in user for a server-rendered page, read fresh from the database (role, disabled). */
export async function pageCaller(): Promise<Caller | null> {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db().user.findUnique({ where: { id } });
  if (!user || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, groups: user.groups, via: "session" };
}

export async function requirePageCaller(path: string): Promise<Caller> {
  const caller = await pageCaller();
  if (!caller) redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
  return caller;
}
