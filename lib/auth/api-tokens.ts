import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { cachedCaller } from "@/lib/auth/caller-cache";
import type { Role, TokenScope } from "@/lib/generated/prisma/enums";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, TOKEN_SCOPES } from "@/lib/schemas/token";

const PREFIX = "cd_";
const DAY_MS = 86_400_000;
/** `lastUsedAt` is written at most this often per token: a CI job's hundred calls a minute cost one write. */
const LAST_USED_EVERY_MS = 60_000;

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export type NewTokenOptions = { scopes?: readonly TokenScope[]; expiresInDays?: number; now?: Date };

/**
 * Creates a bearer token for a user; the token is returned once and only its hash is stored. Without options it
 * has every scope and the default lifetime (90 days); never more than a year.
 */
export async function createApiToken(userId: string, name: string, options: NewTokenOptions = {}): Promise<string> {
  return (await createApiTokenRow(userId, name, options)).token;
}

export async function createApiTokenRow(
  userId: string,
  name: string,
  { scopes = TOKEN_SCOPES, expiresInDays = TOKEN_DEFAULT_DAYS, now = new Date() }: NewTokenOptions = {},
) {
  if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > TOKEN_MAX_DAYS)
    throw new RangeError(`a token lives 1 to ${TOKEN_MAX_DAYS} days`);
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + expiresInDays * DAY_MS);
  const row = await db().apiToken.create({ data: { userId, name, tokenHash: hashToken(token), scopes: [...new Set(scopes)], expiresAt } });
  return { token, row };
}

export type TokenUser = { id: string; email: string; name: string; role: Role; groups: string[]; tokenId: string; scopes: TokenScope[]; expiresAt: Date };

/**
 * The user of a live token (not revoked, not expired, user not disabled): one indexed lookup, or the caller cache.
 * The expiry is checked on every call, cached or not.
 */
export async function userForToken(token: string, now = new Date()): Promise<TokenUser | null> {
  if (!token.startsWith(PREFIX)) return null;
  const tokenHash = hashToken(token);
  const user = await cachedCaller(`token:${tokenHash}`, async () => {
    const [row] = await db().$queryRaw<TokenUser[]>`
      SELECT u.id, u.email, u.name, u.role::text AS role, u.groups, t.id AS "tokenId",
             coalesce(t.scopes::text[], '{}') AS scopes, t."expiresAt"
      FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
      WHERE t."tokenHash" = ${tokenHash} AND t."revokedAt" IS NULL AND t."expiresAt" > now() AND u."disabledAt" IS NULL`;
    return row ?? null;
  });
  if (!user || user.expiresAt <= now) return null;
  noteTokenUse(user.tokenId, now.getTime());
  return user;
}

const lastWritten = new Map<string, number>();

/** Records that a token was used, at most once a minute per token and process; the request never waits for it. */
function noteTokenUse(tokenId: string, now: number) {
  if (now - (lastWritten.get(tokenId) ?? 0) < LAST_USED_EVERY_MS) return;
  lastWritten.set(tokenId, now);
  if (lastWritten.size > 10_000) for (const [id, at] of lastWritten) if (now - at >= LAST_USED_EVERY_MS) lastWritten.delete(id);
  const at = new Date(now);
  db()
    .apiToken.updateMany({
      where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - LAST_USED_EVERY_MS) } }] },
      data: { lastUsedAt: at },
    })
    .catch((err: Error) => console.error("[auth] could not record a token's last use:", err.message));
}
