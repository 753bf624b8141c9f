// Whether a new approval policy lowers the bar the old one set. Managers may raise the bar; lowering it takes an
// admin and a reason (set-policy.ts), because the managers are the people the policy constrains.
import type { TGroupRule } from "@/lib/schemas/decision";

type Bar = { minGoes: number; groupRules: readonly TGroupRule[]; requiredItem: string | null };

/**
 * An old group rule is kept when some new rule asks at least as many gos from a subset of its groups (a narrower
 * group is at least as strict). Returns what was lowered, in words; empty when the new policy is at least as strict.
 */
export function loosenings(before: Bar, after: Bar): string[] {
  const out: string[] = [];
  if (after.minGoes < before.minGoes) out.push(`fewer gos (${before.minGoes} -> ${after.minGoes})`);
  for (const rule of before.groupRules) {
    const kept = after.groupRules.some((r) => r.count >= rule.count && r.anyOf.every((g) => rule.anyOf.includes(g)));
    if (!kept) out.push(`the rule "at least ${rule.count} from ${rule.anyOf.join(" or ")}" removed or weakened`);
  }
  if (before.requiredItem && after.requiredItem !== before.requiredItem) out.push(`the required item "${before.requiredItem}" removed or changed`);
  return out;
}
