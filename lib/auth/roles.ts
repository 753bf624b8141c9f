// Who may do what. Enforced on the server in every route (lib/api/route.ts) and page; the UI only mirrors it.
import type { Role, TokenScope } from "@/lib/generated/prisma/enums";

export type Caller = {
  id: string;
  email: string;
  name: string;
  role: Role;
  groups: string[];
  via: "session" | "token";
  /** An API token's scopes (lib/schemas/token.ts); a token without them may do nothing. A session has none: its role decides. */
  scopes?: readonly TokenScope[];
  /** The API token a caller came with (a live stream re-checks it). */
  tokenId?: string;
  /** When the token or the session cookie expires, when known (a live stream ends then). */
  expiresAt?: Date;
};

export const ROLES = ["admin", "manager", "approver", "viewer"] as const satisfies readonly Role[];

/** Roles allowed to change a release's plan and drive its runs. */
export const MANAGERS: readonly Role[] = ["admin", "manager"];
export const SIGNED_IN: readonly Role[] = ROLES;
/** Installation-wide settings: webhook channels and what they are told. */
export const ADMINS: readonly Role[] = ["admin"];

export function hasRole(caller: Pick<Caller, "role">, allowed: readonly Role[]): boolean {
  return allowed.includes(caller.role);
}

/**
 * Whether the caller's credential covers the scope a route declares: a session always does (its role decides), a
 * token when it holds that scope or `admin`; any token may `read`.
 */
export function hasScope(caller: Pick<Caller, "via" | "scopes">, scope: TokenScope): boolean {
  if (caller.via === "session") return true;
  const scopes = caller.scopes ?? [];
  if (scope === "read") return scopes.length > 0;
  return scopes.includes(scope) || scopes.includes("admin");
}

export function canManage(caller: Pick<Caller, "role"> | null | undefined): boolean {
  return !!caller && hasRole(caller, MANAGERS);
}
