import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";

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

export async function userForToken(token: string) {
  if (!token.startsWith(PREFIX)) return null;
  const row = await db().apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  return row.user;
}
