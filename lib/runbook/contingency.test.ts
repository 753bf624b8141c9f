import { describe, expect, it } from "vitest";
import { isContingencyHeading } from "@/lib/runbook/contingency";
import { parseRunbook } from "@/lib/runbook/parse-runbook";

describe("contingency sections are playbooks, not gates", () => {
  it("recognises recovery, escalation, incident and rollback-level headings", () => {
    for (const h of [
      "Recovery Procedures",
      "Escalation Procedures",
      "Incident Response",
      "Level 2: Deployment Rollback",
      "Disaster Recovery",
      "Failover",
      "Troubleshooting",
    ]) {
      expect(isContingencyHeading(h), h).toBe(true);
    }
    for (const h of ["Rollback Triggers", "Emergency Contacts", "Pre-Launch Checklist", "Deploy", "Communication Templates"]) {
      expect(isContingencyHeading(h), h).toBe(false);
    }
  });

  it("makes the items of a recovery section manual steps of a procedure, not required items", () => {
    const md =
      "# Launch\n## Checklist (T-1 Day)\n- [ ] Freeze code\n## Recovery Procedures\n1. **Identify Root Cause**: analyse\n2. Fix issues\n   - in staging first\n";
    const result = parseRunbook(md);
    expect(result.phases.map((p) => p.title)).toEqual(["Checklist (T-1 Day)"]);
    expect(result.phases[0].items.map((i) => i.text)).toEqual(["Freeze code"]);
    expect(result.procedures).toEqual([
      {
        name: "Recovery Procedures",
        kind: "custom",
        line: 5,
        steps: [
          { kind: "gate", text: "Identify Root Cause: analyse", line: 5 },
          { kind: "gate", text: "Fix issues\n- in staging first", line: 6 },
        ],
      },
    ]);
  });

  it("keeps escalation levels under a contacts section as a playbook too, and rollback levels as rollback procedures", () => {
    const md =
      "## Emergency Contacts\n### Escalation Procedures\n1. **Level 1**: team (30 minutes)\n2. **Level 3**: Execute rollback procedures\n## Rollback\n### Level 1: Traffic\n- [ ] Route traffic back\n";
    const result = parseRunbook(md);
    expect(result.counts.checklistItems).toBe(0);
    expect(result.procedures.map((p) => [p.name, p.kind, p.steps.map((s) => s.text)])).toEqual([
      ["Escalation Procedures", "custom", ["Level 1: team (30 minutes)", "Level 3: Execute rollback procedures"]],
      ["Level 1: Traffic", "rollback", ["Route traffic back"]],
    ]);
  });

  it("leaves rollback triggers out of playbooks (they say when to open one)", () => {
    const result = parseRunbook("## Rollback Procedures\n### Rollback Triggers\n1. Data corruption detected\n");
    expect(result.phases[0].items.map((i) => i.text)).toEqual(["Data corruption detected"]);
    expect(result.procedures).toEqual([]);
  });

  it("never makes a checklist item required before T-0 from a contingency section", () => {
    const result = parseRunbook("# Doc\n## Incident Response (T-0)\n- [ ] Page the on-call lead\n## Disaster Recovery\n- [ ] Restore from backup\n");
    expect(result.phases.flatMap((p) => p.items)).toEqual([]);
    expect(result.procedures.flatMap((p) => p.steps).map((s) => s.kind)).toEqual(["gate", "gate"]);
  });
});
