// An environment's protection rules, applied where runs are gated: who may start runs there (deployers, checked when
// a run starts) and how many gos a deploy there needs (requiredGoes, folded into the policy readiness evaluates, so
// the release page's blockers and the deploy gate say the same). Freezes stay in lib/freezes/.
import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ProcedureKind } from "@/lib/generated/prisma/enums";
import type { Policy } from "@/lib/decisions/policy";

export type EnvironmentRule = NonNullable<Policy["environmentRule"]>;

/**
 * Pure: the policy a deploy to the environment is held to. No rule: the release's policy. requiredGoes 0: the
 * go/no-go does not gate there (no gos, no group rules; readiness then ignores no-gos too). Otherwise the stricter
 * of the two minimums; the policy's group rules stay.
 */
export function applyEnvironmentRule(policy: Policy, rule: EnvironmentRule | null): Policy {
  if (!rule) return policy;
  if (rule.requiredGoes === 0) return { ...policy, minGoes: 0, groupRules: [], environmentRule: rule };
  return { ...policy, minGoes: Math.max(policy.minGoes, rule.requiredGoes), environmentRule: rule };
}

/** The release's policy with its environment's requiredGoes applied (environments not managed here have none). */
export async function environmentPolicy(client: Prisma.TransactionClient, environment: string, policy: Policy): Promise<Policy> {
  const row = await client.environment.findUnique({ where: { name: environment }, select: { requiredGoes: true } });
  return applyEnvironmentRule(policy, row?.requiredGoes == null ? null : { environment, requiredGoes: row.requiredGoes });
}

/**
 * Refuses (403) a person whose role is not among the environment's deployers. Rollbacks are exempt: they are the way
 * out, and never gated. An automatic run (no caller) was allowed by the run it answers.
 */
export async function assertMayStartRun(environment: string, kind: ProcedureKind, caller: Pick<Caller, "role"> | null) {
  if (!caller || kind === "rollback") return;
  const row = await db().environment.findUnique({ where: { name: environment }, select: { deployers: true } });
  if (!row || row.deployers.includes(caller.role)) return;
  const who = row.deployers.map((r) => `${r}s`).join(" and ");
  throw new AppError("FORBIDDEN", `Only ${who} may start runs in ${environment} (its protection rules)`, { environment, deployers: row.deployers });
}
