import { z } from "zod";

export const SHARE_DEFAULT_DAYS = 30;

/** POST /api/releases/:id/share: an optional lifetime in days (1..365, default 30). */
export const ZCreateShare = z.object({ expiresInDays: z.number().int().min(1).max(365).default(SHARE_DEFAULT_DAYS) }).strict();
export type TCreateShare = z.output<typeof ZCreateShare>;

/** A share token as it appears in /t/<token>, ?share=<token> or `Authorization: Share <token>`. */
export const ZShareToken = z.string().regex(/^cds_[A-Za-z0-9_-]{20,100}$/);

// ---- answers ----

/** POST /api/releases/:id/share: 201, the link; its token is shown this once (stored as SHA-256). */
export const ZShareLinkCreated = z.object({ id: z.uuid(), url: z.string(), token: z.string(), expiresAt: z.string() }).strict();
export type TShareLinkCreated = z.output<typeof ZShareLinkCreated>;

/** GET /api/releases/:id/share: the release's links, never a token. */
export const ZShareLinkList = z
  .object({
    links: z.array(
      z.object({ id: z.uuid(), createdBy: z.string(), createdAt: z.string(), expiresAt: z.string(), state: z.enum(["active", "revoked", "expired"]) }).strict(),
    ),
  })
  .strict();
export type TShareLinkList = z.output<typeof ZShareLinkList>;

/** DELETE /api/releases/:id/share: how many links stopped working. */
export const ZShareLinksRevoked = z.object({ revoked: z.number().int() }).strict();
export type TShareLinksRevoked = z.output<typeof ZShareLinksRevoked>;
