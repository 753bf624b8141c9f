import "server-only";
import crypto from "node:crypto";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/auth/api-tokens";
import { AppError } from "@/lib/errors";
import { ZShareToken } from "@/lib/schemas/share";

const PREFIX = "cds_";

export function newShareToken(): string {
  return PREFIX + crypto.randomBytes(32).toString("base64url");
}

export type ShareLinkState =
  { state: "valid"; releaseId: string; linkId: string; expiresAt: Date } | { state: "unknown" } | { state: "revoked" } | { state: "expired"; expiresAt: Date };

/** What a share token is worth right now: the release it opens, or why it opens nothing. */
export async function shareLinkState(token: string, now = new Date()): Promise<ShareLinkState> {
  if (!ZShareToken.safeParse(token).success) return { state: "unknown" };
  const link = await db().shareLink.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!link) return { state: "unknown" };
  if (link.revokedAt) return { state: "revoked" };
  if (link.expiresAt <= now) return { state: "expired", expiresAt: link.expiresAt };
  return { state: "valid", releaseId: link.releaseId, linkId: link.id, expiresAt: link.expiresAt };
}

/** The release a share token opens, or the error a route answers with (404 unknown, 410 revoked or expired). */
export async function releaseForShareToken(token: string, now = new Date()) {
  const link = await shareLinkState(token, now);
  switch (link.state) {
    case "valid":
      return { releaseId: link.releaseId, linkId: link.linkId };
    case "revoked":
      throw new AppError("GONE", "This share link was revoked");
    case "expired":
      throw new AppError("GONE", "This share link has expired");
    default:
      throw new AppError("NOT_FOUND", "This share link does not exist");
  }
}
