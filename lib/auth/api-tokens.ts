import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { cachedCaller } from "@/lib/auth/caller-cache";
import type { Role } from "@/lib/generated/prisma/enums";

const PREFIX = "cd_";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Creates a bearer token for a user; the token is returned once and only its hash is stored. */
export async function createApiToken(userId: string, name: string): Promise<string> {
  const token = PREFIX + crypto.randomBytes(32).toString("base64url");
  await db().apiToken.create({ data: { userId, name, tokenHash: hashToken(token) } });
  return token;
}

type TokenUser = { id: string; email: string; name: string; role: Role; groups: string[] };

/** The user of a live token (not revoked, user not disabled): one indexed lookup, or the caller cache. */
export async function userForToken(token: string): Promise<TokenUser | null> {
  if (!token.startsWith(PREFIX)) return null;
  const tokenHash = hashToken(token);
  return cachedCaller(`token:${tokenHash}`, async () => {
    const [user] = await db().$queryRaw<TokenUser[]>`
      SELECT u.id, u.email, u.name, u.role::text AS role, u.groups
      FROM "ApiToken" t JOIN "User" u ON u.id = t."userId"
      WHERE t."tokenHash" = ${tokenHash} AND t."revokedAt" IS NULL AND u."disabledAt" IS NULL`;
    return user ?? null;
  });
}
