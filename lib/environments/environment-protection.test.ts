import { describe, expect, it } from "vitest";
import { describePolicy, toPolicy, type Policy } from "@/lib/decisions/policy";
import { applyEnvironmentRule } from "@/lib/environments/environment-protection";

const regular: Policy = toPolicy("regular", null);

describe("an environment's requiredGoes applied to a release's policy", () => {
  it("no rule leaves the policy as it is", () => {
    expect(applyEnvironmentRule(regular, null)).toBe(regular);
  });

  it("0: no gos and no group rules are needed there", () => {
    const p = applyEnvironmentRule(regular, { environment: "staging", requiredGoes: 0 });
    expect(p).toMatchObject({ minGoes: 0, groupRules: [], environmentRule: { environment: "staging", requiredGoes: 0 } });
    expect(describePolicy(p)).toBe("no go/no-go needed in staging");
  });

  it("above the policy's minimum: the environment's, with the policy's group rules kept", () => {
    const p = applyEnvironmentRule(regular, { environment: "production", requiredGoes: 3 });
    expect(p).toMatchObject({ minGoes: 3, groupRules: regular.groupRules });
    expect(describePolicy(p)).toBe("3 gos, at least 1 from lead, production asks for at least 3");
  });

  it("below the policy's minimum: the policy's (the stricter wins)", () => {
    const p = applyEnvironmentRule(regular, { environment: "qa", requiredGoes: 1 });
    expect(p.minGoes).toBe(regular.minGoes);
    expect(describePolicy(p)).toBe("2 gos, at least 1 from lead");
  });
});
