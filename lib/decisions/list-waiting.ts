import "server-only";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import type { TWaitingRelease } from "@/lib/schemas/decision";
import { FINISHED_STATUSES } from "@/lib/events/append-to-open-releases";
import { DECIDER_ROLES } from "@/lib/decisions/eligibility";
import { releaseDrivers } from "@/lib/decisions/release-drivers";
import { getReadiness } from "@/lib/decisions/readiness";

const LIMIT = 50;

/** Open releases the caller may decide on and has no standing vote on yet (or only a go on an earlier plan), soonest first. */
export async function listWaitingForDecision(caller: Caller): Promise<{ releases: TWaitingRelease[] }> {
  if (!DECIDER_ROLES.includes(caller.role)) return { releases: [] };
  const candidates = await db().release.findMany({
    where: {
      status: { notIn: FINISHED_STATUSES },
      createdById: { not: caller.id },
      OR: [{ managerId: null }, { managerId: { not: caller.id } }],
    },
    orderBy: [{ scheduledAt: "asc" }, { id: "asc" }],
    take: LIMIT * 2,
    select: { id: true, name: true, version: true, type: true, environment: true, status: true, scheduledAt: true },
  });
  const releases = [];
  for (const r of candidates) {
    // Whoever ticked a required item or started a run of it drives it: not theirs to decide.
    if ((await releaseDrivers(db(), r.id)).some((d) => d.userId === caller.id)) continue;
    const readiness = await getReadiness(r.id);
    // A go given to an earlier plan waits for the approver again: they must look at the edited plan.
    if (readiness.decisions.votes.some((v) => v.user.id === caller.id && !v.stale)) continue;
    const neededFromMe = readiness.decisions.groupRules.some((g) => g.stillNeeded > 0 && g.anyOf.some((group) => caller.groups.includes(group)));
    releases.push({
      ...r,
      scheduledAt: r.scheduledAt.toISOString(),
      decisions: { goes: readiness.decisions.goes, needed: readiness.decisions.needed, noGos: readiness.noGos.length },
      neededFromMe,
      policy: readiness.policy.description,
    });
    if (releases.length === LIMIT) break;
  }
  return { releases };
}

export type WaitingRelease = TWaitingRelease;
