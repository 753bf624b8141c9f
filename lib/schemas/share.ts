import { z } from "zod";

export const SHARE_DEFAULT_DAYS = 30;

/** POST /api/releases/:id/share: an optional lifetime in days (1..365, default 30). */
export const ZCreateShare = z.object({ expiresInDays: z.number().int().min(1).max(365).default(SHARE_DEFAULT_DAYS) }).strict();
export type TCreateShare = z.output<typeof ZCreateShare>;

/** A share token as it appears in /t/<token>, ?share=<token> or `Authorization: Share <token>`. */
export const ZShareToken = z.string().regex(/^cds_[A-Za-z0-9_-]{20,100}$/);
