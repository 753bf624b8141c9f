import "server-only";
import { db } from "@/lib/db";
import { createApiTokenRow } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TCreatedToken, TCreateToken, TTokenList, TTokenSummary } from "@/lib/schemas/token";

const DAY_MS = 86_400_000;
const SUMMARY = {
  id: true,
  name: true,
  scopes: true,
  createdAt: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  user: { select: { id: true, email: true, name: true } },
} as const;
type Row = Prisma.ApiTokenGetPayload<{ select: typeof SUMMARY }>;

function summary(t: Row, now: Date): TTokenSummary {
  return {
    id: t.id,
    name: t.name,
    user: t.user,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    state: t.revokedAt ? "revoked" : t.expiresAt <= now ? "expired" : "active",
  };
}

/** The caller's own tokens, newest first; with `all` (admins only) everyone's. Never a token itself. */
export async function listTokens(caller: Caller, all = false, now = new Date()): Promise<TTokenList> {
  if (all && caller.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin lists everyone's tokens");
  const rows = await db().apiToken.findMany({ where: all ? {} : { userId: caller.id }, orderBy: { createdAt: "desc" }, take: 500, select: SUMMARY });
  return { tokens: rows.map((t) => summary(t, now)) };
}

/** A new token for the caller (or, for an admin, for another user); the answer is the only time the token is shown. */
export async function createToken(input: TCreateToken, caller: Caller, now = new Date()): Promise<TCreatedToken> {
  const userId = input.userId ?? caller.id;
  if (userId !== caller.id) {
    if (caller.role !== "admin") throw new AppError("FORBIDDEN", "Only an admin makes tokens for someone else");
    const user = await db().user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user");
    if (user.disabledAt) throw new AppError("CONFLICT", "That user is disabled");
  }
  // A token that makes tokens cannot outlive itself through them: its expiry stays the end of the chain.
  if (caller.via === "token" && caller.expiresAt && now.getTime() + input.expiresInDays * DAY_MS > caller.expiresAt.getTime()) {
    throw new AppError("UNPROCESSABLE", `A token made with an API token expires no later than that token (${caller.expiresAt.toISOString()})`, {
      field: "expiresInDays",
    });
  }
  const { token, row } = await createApiTokenRow(userId, input.name, { scopes: input.scopes, expiresInDays: input.expiresInDays, now });
  const created = await db().apiToken.findUniqueOrThrow({ where: { id: row.id }, select: SUMMARY });
  return { ...summary(created, now), token };
}

/** Revokes one token: the caller's own, or anyone's for an admin. Someone else's looks unknown to a non-admin. */
export async function revokeToken(id: string, caller: Caller, now = new Date()): Promise<TTokenSummary> {
  const where = caller.role === "admin" ? { id } : { id, userId: caller.id };
  const found = await db().apiToken.findFirst({ where, select: { id: true } });
  if (!found) throw new AppError("NOT_FOUND", "No such token");
  await db().apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
  return summary(await db().apiToken.findUniqueOrThrow({ where: { id }, select: SUMMARY }), now);
}
