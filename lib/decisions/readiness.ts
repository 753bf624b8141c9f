import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";
import { FINISHED_STATUSES } from "@/lib/events/append-to-open-releases";
import { DECIDER_ROLES, decisionDeniedReason, type Driver } from "@/lib/decisions/eligibility";
import { releaseDrivers } from "@/lib/decisions/release-drivers";
import { describePolicy, effectivePolicy, type Policy } from "@/lib/decisions/policy";
import { gatesDeploy } from "@/lib/decisions/gating-items";
import { standingVotes, toVoteView, type DecisionRow } from "@/lib/decisions/standing-votes";
import { activeFreeze } from "@/lib/freezes/list-freezes";
import { isForPlan, staleGoBlocker } from "@/lib/decisions/plan-approval";
import { loadReleasePlan, type ReleasePlan } from "@/lib/plan/release-plan";
import { environmentPolicy } from "@/lib/environments/environment-protection";
import type { FreezeView } from "@/lib/freezes/freeze-view";
import type { TReadiness } from "@/lib/schemas/readiness";
import { blockerSentence, type Blocker } from "@/lib/decisions/blocker-text";

export const decisionInclude = {
  user: { select: { id: true, name: true, email: true, role: true, groups: true, disabledAt: true } },
} satisfies Prisma.DecisionInclude;
export const decisionOrder = [{ createdAt: "asc" }, { id: "asc" }] satisfies Prisma.DecisionOrderByWithRelationInput[];
export const LATEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.DecisionOrderByWithRelationInput[];

type Candidate = { id: string; name: string; groups: string[] };
type ItemRow = { id: string; text: string; required: boolean; checked: boolean; phase: { offsetMinutes: number | null } };

async function sequential<T extends unknown[]>(fns: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  const out: unknown[] = [];
  for (const f of fns as (() => Promise<unknown>)[]) out.push(await f());
  return out as T;
}

export type ReadinessInput = {
  /** `drivers`: who ticked a required item or started a run; their votes do not count (eligibility.ts). */
  release: { environment: string; status: ReleaseStatus; createdById: string; managerId: string | null; drivers?: readonly Driver[] };
  /** Checklist items with their phase's offset: only those due before T-0 (offset < 0, or none) gate a deploy. */
  items: { id: string; text: string; required: boolean; checked: boolean; offsetMinutes: number | null }[];
  decisions: DecisionRow[];
  policy: Policy;
  freeze: FreezeView | null;
  /** Approvers and admins in the policy's groups, to say who could still give a missing go. */
  candidates: Candidate[];
  /** Digest of the release's current plan: only gos given to it count. */
  planDigest: string;
};

const quote = (s: string, max = 80) => `"${s.length > max ? s.slice(0, max - 1) + "…" : s}"`;
const plural = (n: number, one: string, many = one + "s") => `${n} ${n === 1 ? one : many}`;

/** Pure: what stands between the release and its deploy, with each blocker as a sentence. */
export function evaluateReadiness({ release, items, decisions, policy, freeze, candidates, planDigest }: ReadinessInput): TReadiness {
  // Each blocker as data (the page renders it for its viewer) and as the server's sentence (`blockers`).
  const details: Blocker[] = [];
  const say = (text: string) => details.push({ kind: "text", text });
  if (FINISHED_STATUSES.includes(release.status)) say(`The release is ${release.status.replace("_", " ")}.`);

  const gating = items.filter(gatesDeploy);
  const missing = gating.filter((i) => !i.checked).map((i) => ({ id: i.id, text: i.text }));
  if (missing.length) {
    const shown = missing
      .slice(0, 3)
      .map((i) => quote(i.text))
      .join(", ");
    const more = missing.length > 3 ? ` and ${missing.length - 3} more` : "";
    say(`${plural(missing.length, "required checklist item")} due before T-0 ${missing.length === 1 ? "is" : "are"} not done: ${shown}${more}.`);
  }

  // A vote counts only while its author may still decide (e.g. not since made the release's manager).
  const votes = standingVotes(decisions).filter((d) => decisionDeniedReason(d.user, release) === null);
  // A go approves the plan it was given to; after an edit it stands (and is shown) but no longer counts.
  const staleGoes = votes.filter((d) => d.decision === "go" && !isForPlan(d, planDigest));
  const goes = votes.filter((d) => d.decision === "go" && isForPlan(d, planDigest));
  const noGos = votes.filter((d) => d.decision === "no_go");
  if (goes.length < policy.minGoes) {
    const need = policy.minGoes - goes.length;
    say(`It needs ${plural(need, "more go", "more gos")} (${goes.length} of ${policy.minGoes} so far).`);
  }
  const voted = new Set(votes.filter((v) => !staleGoes.includes(v)).map((v) => v.userId));
  const groupRules = policy.groupRules.map((rule) => {
    const from = goes.filter((g) => g.user.groups.some((group) => rule.anyOf.includes(group)));
    const stillNeeded = Math.max(0, rule.count - from.length);
    const could = candidates.filter(
      (c) => !voted.has(c.id) && c.groups.some((group) => rule.anyOf.includes(group)) && decisionDeniedReason({ ...c, role: "approver" }, release) === null,
    );
    if (stillNeeded) details.push({ kind: "group", stillNeeded, anyOf: rule.anyOf, candidates: could.slice(0, 5).map(({ id, name }) => ({ id, name })) });
    return {
      anyOf: rule.anyOf,
      count: rule.count,
      have: from.length,
      stillNeeded,
      from: from.map((g) => g.user.name),
      candidates: stillNeeded ? could.map(({ id, name }) => ({ id, name })) : [],
    };
  });
  const approved = goes.length >= policy.minGoes && groupRules.every((r) => r.stillNeeded === 0);
  if (!approved && staleGoes.length) say(staleGoBlocker(staleGoes));
  // An environment whose protection asks for no gos (requiredGoes 0) is not gated by the go/no-go at all.
  if (policy.environmentRule?.requiredGoes !== 0) for (const n of noGos) say(`${n.user.name} said no-go${n.comment ? `: ${quote(n.comment, 200)}` : ""}.`);

  if (freeze) details.push({ kind: "freeze", environment: release.environment, until: freeze.current!.endsAt, reason: freeze.reason });

  return {
    ready: details.length === 0,
    policy: {
      minGoes: policy.minGoes,
      groupRules: policy.groupRules,
      requiredItem: policy.requiredItem,
      source: policy.source,
      version: policy.version,
      description: describePolicy(policy),
      environmentRule: policy.environmentRule ?? null,
    },
    requiredItems: { done: gating.length - missing.length, total: gating.length, missing },
    decisions: { goes: goes.length, needed: policy.minGoes, groupRules, votes: votes.map((v) => ({ ...toVoteView(v), stale: staleGoes.includes(v) })) },
    plan: { digest: planDigest, approved, staleGoes: staleGoes.map(toVoteView) },
    noGos: noGos.map(toVoteView),
    freeze: freeze ? { active: true, window: freeze } : { active: false },
    blockers: details.map(blockerSentence),
    blockerDetails: details,
  };
}

export type Readiness = TReadiness;

type ReadinessOptions = {
  /**
   * The person about to act on the target (start a run, retry or skip a step, continue a gate): that makes them a
   * driver of the release, so their own go cannot count towards their own action.
   */
  actingDriverId?: string;
  /** Evaluate for this environment of the release's path (its protection, its freezes) instead of the current one. */
  environment?: string;
};

/** Loads everything readiness depends on; pass the transaction when the answer must hold for what follows. */
export async function getReadiness(
  releaseId: string,
  client: Prisma.TransactionClient = db(),
  now = new Date(),
  opts: ReadinessOptions = {},
): Promise<Readiness> {
  const release = await client.release.findUnique({
    where: { id: releaseId },
    select: { templateId: true, type: true, environment: true, status: true, createdById: true, managerId: true },
  });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  if (opts.environment) release.environment = opts.environment;
  // A transaction has a single connection: its queries go one after another; otherwise they go at once.
  const all =
    client === db() ? <T extends unknown[]>(fns: { [K in keyof T]: () => Promise<T[K]> }) => Promise.all(fns.map((f) => f())) as Promise<T> : sequential;
  const policy = await environmentPolicy(client, release.environment, await effectivePolicy(client, release.templateId, release.type));
  const groups = [...new Set(policy.groupRules.flatMap((r) => r.anyOf))];
  const [items, decisions, freeze, candidates, plan, drivers] = await all<[ItemRow[], DecisionRow[], FreezeView | null, Candidate[], ReleasePlan, Driver[]]>([
    () =>
      client.releaseItem.findMany({
        where: { releaseId },
        orderBy: [{ phase: { position: "asc" } }, { position: "asc" }],
        select: { id: true, text: true, required: true, checked: true, phase: { select: { offsetMinutes: true } } },
      }),
    () => client.decision.findMany({ where: { releaseId }, orderBy: decisionOrder, include: decisionInclude }),
    () => activeFreeze(client, release.environment, now),
    () =>
      groups.length
        ? client.user.findMany({
            where: { role: { in: [...DECIDER_ROLES] }, disabledAt: null, groups: { hasSome: groups } },
            select: { id: true, name: true, groups: true },
            orderBy: { name: "asc" },
          })
        : Promise.resolve([]),
    () => loadReleasePlan(client, releaseId),
    () => releaseDrivers(client, releaseId),
  ]);
  if (opts.actingDriverId) drivers.push({ userId: opts.actingDriverId, why: "ran" });
  return evaluateReadiness({
    release: { ...release, drivers },
    items: items.map((i) => ({ id: i.id, text: i.text, required: i.required, checked: i.checked, offsetMinutes: i.phase.offsetMinutes })),
    decisions,
    policy,
    freeze,
    candidates,
    planDigest: plan.digest,
  });
}
