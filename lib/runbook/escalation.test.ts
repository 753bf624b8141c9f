import { describe, expect, it } from "vitest";
import { escalationLadder, escalationLine, escalationNow } from "@/lib/runbook/escalation";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { ZEscalationLadder } from "@/lib/schemas/runbook";

// Escalation ladders (issue 18): kept on the template, shown on the release page while a run is failing.

describe("escalation sections", () => {
  it("keeps levels with their times as the ladder, and the section still a playbook", () => {
    const r = parseRunbook(
      `# Launch\n\n## Escalation\n- Level 1: the engineer on duty investigates\n- Level 2 after 15 minutes: page the on-call lead\n- Level 3 after 1 hour: call the CTO\n\n## Deploy\n\`\`\`bash\n./deploy.sh\n\`\`\`\n`,
    );
    expect(r.escalation).toEqual([
      { level: 1, afterMinutes: 0, action: "the engineer on duty investigates" },
      { level: 2, afterMinutes: 15, action: "page the on-call lead" },
      { level: 3, afterMinutes: 60, action: "call the CTO" },
    ]);
    expect(r.procedures.find((p) => p.name === "Escalation")?.steps).toHaveLength(3);
  });

  it("reads time boxes in parentheses as how long a level lasts (the auto-grader's ladder)", () => {
    const r = parseRunbook(
      `## Emergency Contacts\n### Escalation Procedures\n1. **Level 1**: Technical team attempts resolution (30 minutes)\n2. **Level 2**: Involve external vendors if needed (60 minutes)\n3. **Level 3**: Execute rollback procedures (90 minutes)\n4. **Level 4**: Full incident response with business stakeholders\n`,
    );
    expect(r.escalation.map((x) => [x.level, x.afterMinutes, x.action])).toEqual([
      [1, 0, "Technical team attempts resolution"],
      [2, 30, "Involve external vendors if needed"],
      [3, 90, "Execute rollback procedures"],
      [4, 180, "Full incident response with business stakeholders"],
    ]);
  });

  it("reads levels written as headings, and ignores rollback levels that are not an escalation", () => {
    const r = parseRunbook(`## Escalation ladder\n### Level 2 (after 20 min)\n- Page the lead\n## Rollback\n### Level 1: Traffic\n- [ ] Route traffic back\n`);
    expect(r.escalation).toEqual([{ level: 2, afterMinutes: 20, action: "Level 2 (after 20 min)" }]);
  });

  it("reads a bold 'Escalation Path' label and 'if unresolved in' lines", () => {
    const r = parseRunbook(
      `## Contact\n\n**Escalation Path**:\n1. Alert sent to on-call\n2. If unresolved in 15 min: Full team standup\n3. If unresolved in 1 hour: Consider rollback\n`,
    );
    expect(r.escalation).toEqual([
      { level: 1, afterMinutes: 15, action: "Full team standup" },
      { level: 2, afterMinutes: 60, action: "Consider rollback" },
    ]);
  });

  it("keeps what it reads within the stored ladder's schema (a level 0, huge times)", () => {
    const r = parseRunbook(`## Escalation\n- Level 0: watch the dashboards\n- Level 1 after 900 days: write a letter\n`);
    expect(ZEscalationLadder.parse(r.escalation)).toEqual([
      { level: 0, afterMinutes: 0, action: "watch the dashboards" },
      { level: 1, afterMinutes: 10_080, action: "write a letter" },
    ]);
  });

  it("has no ladder when the runbook has no escalation section", () => {
    expect(parseRunbook(`## Steps\n- [ ] Level 2 after 5 minutes of soak\n`).escalation).toEqual([]);
  });
});

describe("which level applies now", () => {
  const ladder = escalationLadder([
    { level: 1, afterMinutes: 0, boxMinutes: null, action: "investigate" },
    { level: 2, afterMinutes: 15, boxMinutes: null, action: "page the lead" },
    { level: 3, afterMinutes: 60, boxMinutes: null, action: "call the CTO" },
  ]);
  it("is the last level whose time has come, and the next is the one after", () => {
    expect(escalationNow(ladder, 0)).toMatchObject({ current: { level: 1 }, next: { level: 2 } });
    expect(escalationNow(ladder, 14.9)).toMatchObject({ current: { level: 1 }, next: { level: 2 } });
    expect(escalationNow(ladder, 15)).toMatchObject({ current: { level: 2 }, next: { level: 3 } });
    expect(escalationNow(ladder, 600)).toMatchObject({ current: { level: 3 }, next: null });
  });
  it("reads one line", () => {
    expect(escalationLine("L2 at 30 min - notify #incidents")).toEqual({ level: 2, afterMinutes: 30, boxMinutes: null, action: "notify #incidents" });
    expect(escalationLine("Call the vendor")).toBeNull();
  });
});
