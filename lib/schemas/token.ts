import { z } from "zod";
import type { TokenScope } from "@/lib/generated/prisma/enums";

/**
 * What an API token may do, each a slice of what its user's role allows: `read` every GET (any token may read);
 * `tick` checklist items; `decide` vote go / no-go; `run` start, cancel, retry, skip and continue runs; `admin`
 * everything, the other changes included (a release, a template, share links, tokens).
 */
export const TOKEN_SCOPES = ["read", "tick", "decide", "run", "admin"] as const satisfies readonly TokenScope[];
export const ZTokenScope = z.enum(TOKEN_SCOPES);

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;

/** POST /api/tokens: a name, the scopes (at least one) and a lifetime in days. */
export const ZCreateToken = z
  .object({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(ZTokenScope).min(1).max(TOKEN_SCOPES.length),
    expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS),
    /** An admin may make a token for someone else (by user id); everyone else makes their own. */
    userId: z.uuid().optional(),
  })
  .strict();
export type TCreateToken = z.output<typeof ZCreateToken>;

export const ZTokenParams = z.object({ id: z.uuid() });
/** GET /api/tokens: your own; `?all=1` every user's (admin). */
export const ZTokenListQuery = z.object({ all: z.enum(["0", "1"]).optional() }).strict();

export const ZTokenSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }),
  scopes: z.array(ZTokenScope),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  state: z.enum(["active", "expired", "revoked"]),
});
export type TTokenSummary = z.output<typeof ZTokenSummary>;
/** GET /api/tokens. */
export const ZTokenList = z.object({ tokens: z.array(ZTokenSummary) }).strict();
export type TTokenList = z.output<typeof ZTokenList>;

/** POST /api/tokens answers once with the token itself; it is never shown again. */
export const ZCreatedToken = ZTokenSummary.extend({ token: z.string() });
export type TCreatedToken = z.output<typeof ZCreatedToken>;
