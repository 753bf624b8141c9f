// Who may decide on a release: approvers and admins, never the people who drive it (its creator, its manager,
// whoever ticked one of its required items or started one of its runs).
import type { Role } from "@/lib/generated/prisma/enums";

export const DECIDER_ROLES: readonly Role[] = ["approver", "admin"];

/** Someone whose hands are on the release: loaded by release-drivers.ts from its events and runs. */
export type Driver = { userId: string; why: "ticked" | "ran" };

type Person = { id: string; role: Role; disabledAt?: Date | null };
type ReleaseOwners = { createdById: string; managerId: string | null; drivers?: readonly Driver[] };

const DRIVER_REASONS: Record<Driver["why"], string> = {
  ticked: "whoever ticked one of its required checklist items cannot decide on it",
  ran: "whoever started one of its runs cannot decide on it",
};

/** Why `person` may not decide on the release, or null when they may. */
export function decisionDeniedReason(person: Person, release: ReleaseOwners): string | null {
  if (!DECIDER_ROLES.includes(person.role)) return `a ${person.role} cannot decide go or no-go`;
  if (person.disabledAt) return "the account is disabled";
  if (person.id === release.createdById) return "the release's creator cannot decide on it";
  if (person.id === release.managerId) return "the release's manager cannot decide on it";
  const driver = release.drivers?.find((d) => d.userId === person.id);
  if (driver) return DRIVER_REASONS[driver.why];
  return null;
}
