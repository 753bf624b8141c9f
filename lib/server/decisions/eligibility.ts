// Who may decide on a release: approvers and admins, never its creator or its assigned release manager.
import type { Role } from "@/lib/generated/prisma/enums";

export const DECIDER_ROLES: readonly Role[] = ["approver", "admin"];

type Person = { id: string; role: Role; disabledAt?: Date | null };
type ReleaseOwners = { createdById: string; managerId: string | null };

/** Why `person` may not decide on the release, or null when they may. */
export function decisionDeniedReason(person: Person, release: ReleaseOwners): string | null {
  if (!DECIDER_ROLES.includes(person.role)) return `a ${person.role} cannot decide go or no-go`;
  if (person.disabledAt) return "the account is disabled";
  if (person.id === release.createdById) return "the release's creator cannot decide on it";
  if (person.id === release.managerId) return "the release's manager cannot decide on it";
  return null;
}
