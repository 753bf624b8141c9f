import { describe, expect, it } from "vitest";
import { loosenings } from "@/lib/decisions/policy-loosening";

const bar = (minGoes: number, groupRules: { anyOf: string[]; count: number }[] = [], requiredItem: string | null = null) => ({
  minGoes,
  groupRules,
  requiredItem,
});

describe("loosening an approval policy", () => {
  it("sees fewer gos, a group rule removed, widened or lowered, and a required item dropped", () => {
    const lead = { anyOf: ["lead"], count: 1 };
    expect(loosenings(bar(2, [lead]), bar(1, [lead]))).toEqual(["fewer gos (2 -> 1)"]);
    expect(loosenings(bar(2, [lead]), bar(2))).toEqual(['the rule "at least 1 from lead" removed or weakened']);
    expect(loosenings(bar(2, [lead]), bar(2, [{ anyOf: ["lead", "dev"], count: 1 }]))).toHaveLength(1);
    expect(loosenings(bar(2, [{ anyOf: ["lead"], count: 2 }]), bar(2, [lead]))).toHaveLength(1);
    expect(loosenings(bar(1, [], "Review held"), bar(1))).toEqual(['the required item "Review held" removed or changed']);
  });

  it("lets the bar stay or rise", () => {
    const rules = [{ anyOf: ["on-call", "lead"], count: 1 }];
    expect(loosenings(bar(1, rules), bar(1, rules))).toEqual([]);
    expect(loosenings(bar(1, rules), bar(3, [{ anyOf: ["lead"], count: 2 }], "Review held"))).toEqual([]);
    expect(loosenings(bar(0), bar(0))).toEqual([]);
  });
});
