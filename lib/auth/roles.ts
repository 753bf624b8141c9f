// Who may do what. Enforced on the server in every route (lib/api/route.ts) and page; the UI only mirrors it.
import type { Role } from "@/lib/generated/prisma/enums";

export type Caller = {
  id: string;
  email: string;
  name: string;
  role: Role;
  groups: string[];
  via: "session" | "token";
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

export function canManage(caller: Pick<Caller, "role"> | null | undefined): boolean {
  return !!caller && hasRole(caller, MANAGERS);
}
