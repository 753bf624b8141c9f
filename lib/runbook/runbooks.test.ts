import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repairMojibake } from "@/lib/runbook/mojibake";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { ZParsedRunbook, type TParsedRunbook } from "@/lib/schemas/runbook";

// The three real runbooks. Copies live in ./fixtures so the tests do not depend on anything outside
// the repository; ../shared/runbooks beside the repository is used only when a copy is missing.

const FIXTURES = path.resolve(__dirname, "fixtures");
const SHARED = path.resolve(__dirname, "../../../shared/runbooks");

function readRunbook(name: string): string {
  const local = path.join(FIXTURES, name);
  return fs.readFileSync(fs.existsSync(local) ? local : path.join(SHARED, name), "utf8");
}

/** Lines outside fenced code blocks, with their 1-based numbers. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inFence = false;
  markdown.split("\n").forEach((text, i) => {
    if (/^\s*```/.test(text)) inFence = !inFence;
    else if (!inFence) out.push({ line: i + 1, text });
  });
  return out;
}

/** Independent of the parser: Markdown markup removed by regex, mojibake repaired, spaces collapsed. */
function normalise(text: string): string {
  return repairMojibake(text)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const TASK_LINE = /^\s*([-*+]|\d+\.)\s+\[[ xX]\]\s*(.*)$/;
const NUMBERED_LINE = /^\s*\d+\.\s+(?!\[[ xX]\])(.*)$/;

function shellBlockRanges(markdown: string): [number, number][] {
  const ranges: [number, number][] = [];
  let open: number | null = null;
  markdown.split("\n").forEach((text, i) => {
    if (open === null && /^\s*```(bash|sh|shell)\s*$/.test(text)) open = i + 1;
    else if (open !== null && /^\s*```\s*$/.test(text)) {
      ranges.push([open, i + 1]);
      open = null;
    }
  });
  return ranges;
}

function allSteps(result: TParsedRunbook) {
  return result.procedures.flatMap((p) => p.steps);
}

function allItems(result: TParsedRunbook) {
  return result.phases.flatMap((p) => p.items);
}

const RUNBOOKS = ["ancient-compute-launch-guide.md", "auto-grader-launch-procedures.md", "xcodereviewer-rollout.md"];

describe.each(RUNBOOKS)("%s", (name) => {
  const markdown = readRunbook(name);
  const result = parseRunbook(markdown);
  const lines = proseLines(markdown);

  it("matches the output schema", () => {
    expect(ZParsedRunbook.safeParse(result).success).toBe(true);
  });

  it("keeps every task-list item once, in document order, with its text", () => {
    const expected = lines.filter((l) => TASK_LINE.test(l.text)).map((l) => ({ line: l.line, text: normalise(TASK_LINE.exec(l.text)![2]) }));
    // under a contingency heading a task is a manual (gate) step of that section's playbook
    const tasks = allItems(result)
      .filter((i) => i.source === "task")
      .map((t) => ({ line: t.line, text: t.text }));
    const playbookSteps = allSteps(result)
      .filter((s) => s.kind === "gate" && expected.some((e) => e.line === s.line))
      .map((s) => ({ line: s.line, text: s.text.split("\n")[0] }));
    expect(expected.length).toBeGreaterThan(0);
    expect([...tasks, ...playbookSteps].sort((a, b) => a.line - b.line)).toEqual(expected);
  });

  it("keeps the words of every numbered step, as an item or as the text of its steps", () => {
    const numbered = lines.filter((l) => NUMBERED_LINE.test(l.text) && !/^\s*\d+\.\s+\[[^\]]*\]\(#/.test(l.text));
    const itemTexts = allItems(result)
      .filter((i) => i.source === "step")
      .map((i) => i.text);
    const stepTexts = allSteps(result).map((s) => s.text);
    for (const { text } of numbered) {
      const words = normalise(NUMBERED_LINE.exec(text)![1]);
      const found = itemTexts.includes(words) || stepTexts.some((t) => t.startsWith(words) || t.split("\n")[0] === words);
      expect(found, words).toBe(true);
    }
  });

  it("turns every shell block into at least one step (a bash fence of DNS records or a logrotate config is a reference)", () => {
    const stepLines = allSteps(result).map((s) => s.line);
    const configLines = result.references.filter((r) => r.kind === "code").map((r) => r.line);
    for (const [open, close] of shellBlockRanges(markdown).filter(([open]) => !configLines.includes(open))) {
      expect(
        stepLines.some((l) => l > open && l < close),
        `block at line ${open}`,
      ).toBe(true);
    }
  });

  it("counts what it made", () => {
    expect(result.counts).toEqual({
      phases: result.phases.length,
      checklistItems: allItems(result).length,
      procedures: result.procedures.length,
      steps: allSteps(result).length,
    });
  });
});

const kindCount = (result: TParsedRunbook, kind: string) => allSteps(result).filter((s) => s.kind === kind).length;
const phase = (result: TParsedRunbook, title: string) => result.phases.find((p) => p.title === title);
const procedure = (result: TParsedRunbook, name: string) => result.procedures.find((p) => p.name === name);

describe("ancient-compute-launch-guide.md in detail", () => {
  const result = parseRunbook(readRunbook("ancient-compute-launch-guide.md"));

  it("has the exact counts", () => {
    expect(result.title).toBe("Ancient Compute - Launch and Release Guide");
    // Team Retrospective's plain bullets are its items now (issue 18: plain lists are plans too)
    expect(result.counts).toEqual({ phases: 10, checklistItems: 48, procedures: 20, steps: 98 });
    expect(allItems(result).filter((i) => i.source === "task")).toHaveLength(34);
    expect(allItems(result).filter((i) => i.source === "step")).toHaveLength(9);
    expect([kindCount(result, "command"), kindCount(result, "http"), kindCount(result, "gate"), kindCount(result, "wait")]).toEqual([78, 13, 7, 0]);
  });

  it("sets phase offsets from the headings", () => {
    expect(result.phases.filter((p) => p.offsetMinutes !== null).map((p) => [p.title, p.offsetMinutes])).toEqual([
      ["Code Readiness", -7200],
      ["Documentation Readiness", -7200],
      ["Infrastructure Readiness", -7200],
      ["Alert Thresholds", 1440],
      ["Team Retrospective", 10080],
    ]);
    expect(phase(result, "Success Criteria")?.offsetMinutes).toBeNull();
  });

  it("makes procedures of each kind", () => {
    const kinds = result.procedures.map((p) => `${p.kind}:${p.name}`);
    expect(kinds).toContain("smoke:Frontend Smoke Tests");
    expect(kinds).toContain("deploy:Option 1: Blue-Green Deployment (Recommended)");
    expect(kinds).toContain("deploy:Option 2: Canary Deployment");
    expect(kinds).toContain("verify:Post-Deployment (T+30 Minutes)");
    expect(kinds).toContain("rollback:Kubernetes Rollback");
    expect(kinds).toContain("custom:Migration Procedure");
    expect(result.procedures.filter((p) => p.kind === "rollback")).toHaveLength(3);
  });

  it("turns the curl checks into http steps with their expectations", () => {
    const security = procedure(result, "Security Verification")!;
    expect(security.steps.map((s) => (s.kind === "http" ? [s.request.method, s.expect] : s.kind))).toEqual([
      ["HEAD", { status: { anyOf: [301] }, headerPresent: ["location"], headerMatches: [{ name: "location", pattern: "^https://" }] }],
      ["HEAD", { headerPresent: ["strict-transport"] }],
      ["HEAD", { headerPresent: ["access-control"] }],
      ["HEAD", { headerAbsent: ["server", "x-powered"] }],
    ]);
    const api = procedure(result, "API Endpoint Verification")!;
    expect(api.steps[2]).toMatchObject({
      kind: "http",
      line: 162,
      request: { method: "POST", url: "https://api.ancient-compute.edu/execute", headers: { "Content-Type": "application/json" } },
      expect: { status: { anyOf: [200] }, bodyContains: ["hello"] },
    });
    expect(api.steps[3]).toMatchObject({ kind: "command", text: "Multiple languages" });
    expect(api.steps[3].kind === "command" && api.steps[3].command).toMatch(/^for lang in[\s\S]*done$/);
  });

  it("uses numbered step titles as the text of their commands", () => {
    const pre = procedure(result, "Pre-Deployment (T-1 Hour)")!;
    expect(pre.kind).toBe("deploy");
    expect(pre.steps.map((s) => s.text)).toContain("Final Git Tag");
    expect(pre.steps.map((s) => s.text)).toContain("Staging Deployment Test: Run smoke tests against staging");
  });

  it("keeps heredocs and continuations whole and repairs the mojibake", () => {
    const db = procedure(result, "Database Smoke Tests")!;
    expect(db.steps).toHaveLength(2);
    expect(db.steps[0].kind === "command" && db.steps[0].command).toContain('echo "✓ Database connected"');
    expect(db.steps[1].kind === "command" && db.steps[1].command.split("\n")).toHaveLength(6);
  });

  it("keeps the timeline table as a reference", () => {
    const tables = result.references.filter((r) => r.kind === undefined);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ title: "Launch Success Timeline", line: 543, header: ["Time", "Event", "Owner", "Status"] });
    expect(tables[0].rows).toHaveLength(7);
    // The timeline table is no threshold table; its thresholds come from bullet lists (import-recognition.test.ts).
    expect(result.thresholds.every((t) => t.source === "list")).toBe(true);
  });
});

describe("auto-grader-launch-procedures.md in detail", () => {
  const result = parseRunbook(readRunbook("auto-grader-launch-procedures.md"));

  it("has the exact counts", () => {
    // Recovery and Escalation Procedures are playbooks now (issue 18): 9 items became manual steps of 2 procedures
    // and the DNS records and the logrotate config in bash fences are references, not commands (3 + 1 steps fewer)
    // Performance Validation's, UAT's and Review Schedule's plain bullets are items (12); the Communication Plan's
    // three timed lists are the template's reminders
    expect(result.counts).toEqual({ phases: 9, checklistItems: 47, procedures: 9, steps: 44 });
    expect(result.reminders.map((r) => [r.offsetMinutes, r.message.split("\n")[0]])).toEqual([
      [-1440, "Send notification to all administrators"],
      [0, "Real-time monitoring of system metrics"],
      [120, "Send launch completion notification"],
    ]);
    expect(allItems(result).filter((i) => i.source === "task")).toHaveLength(25);
    expect([kindCount(result, "command"), kindCount(result, "http"), kindCount(result, "gate")]).toEqual([30, 3, 11]);
  });

  it("keeps correct non-ASCII text as it is", () => {
    expect(result.phases[0].title).toBe("Technical Validation ✅");
    expect(phase(result, "Production Deployment (T-0)")?.offsetMinutes).toBe(0);
  });

  it("reads curl -f as a 2xx check and keeps curl inside if-blocks as commands", () => {
    const checks = procedure(result, "Final System Verification (T-1 Hour)")!;
    expect(checks.kind).toBe("verify");
    expect(checks.steps.filter((s) => s.kind === "http").map((s) => s.kind === "http" && s.expect)).toEqual([
      { status: { min: 200, max: 299 } },
      { status: { min: 200, max: 299 } },
    ]);
    const health = procedure(result, "System Health Checks")!;
    expect(health.steps.filter((s) => s.kind === "command" && s.command.startsWith("if curl"))).toHaveLength(2);
  });

  it("keeps the table of contents as unplaced, and the yaml, DNS records and logrotate config as references (not steps)", () => {
    expect(result.unplaced.map((u) => [u.line, u.reason.split(" ")[0]])).toEqual([[4, "table"]]);
    expect(result.references.filter((r) => r.kind === "code").map((r) => [r.line, r.lang, r.title])).toEqual([
      [70, "yaml", "Docker Production Configuration"],
      [161, "bash", "DNS Setup"],
      [196, "yaml", "Prometheus Configuration"],
      [223, "bash", "Log Management"],
    ]);
    expect(allSteps(result).some((s) => s.kind === "command" && /CNAME|missingok/.test(s.command))).toBe(false);
  });
});

describe("xcodereviewer-rollout.md in detail", () => {
  const result = parseRunbook(readRunbook("xcodereviewer-rollout.md"));

  it("has the exact counts", () => {
    // Post-Rollback Actions and Incident Response are playbooks now (issue 18): 20 items became manual steps
    // and Frontend Migration's plain bullets are its items (3)
    expect(result.counts).toEqual({ phases: 14, checklistItems: 77, procedures: 29, steps: 115 });
    expect(allItems(result).filter((i) => i.source === "task")).toHaveLength(74);
    expect([kindCount(result, "command"), kindCount(result, "http"), kindCount(result, "gate")]).toEqual([90, 1, 24]);
    expect(result.procedures.filter((p) => p.kind === "rollback")).toHaveLength(5); // + the Post-Rollback Actions playbook
  });

  it("repairs mojibake in items", () => {
    const texts = allItems(result).map((i) => i.text);
    expect(texts).toContain("Test coverage ≥ 80%");
    expect(texts).toContain("Celebrate success! 🎉");
    expect(JSON.stringify(result)).not.toMatch(/â‰|ðŸ|âœ/);
  });

  it("counts days inside their week", () => {
    expect(result.phases.filter((p) => p.offsetMinutes !== null).map((p) => [p.title, p.offsetMinutes])).toEqual([
      ["Day 1: Deploy Canary (5% traffic)", 10080],
      ["Day 3-5: Frontend Migration", 23040],
      ["Week 1: Intensive Monitoring", 0],
      ["Week 2-4: Stabilization", 10080],
      ["Month 2: Optimization", 43200],
      ["Month 3: Cleanup", 86400],
    ]);
  });

  it("keeps numbered group steps and their nested tasks in order, as a playbook after a rollback", () => {
    expect(phase(result, "Post-Rollback Actions")).toBeUndefined();
    const post = procedure(result, "Post-Rollback Actions")!;
    expect(post.kind).toBe("rollback");
    expect(post.steps).toHaveLength(15);
    expect(post.steps.slice(0, 2).map((s) => [s.kind, s.text])).toEqual([
      ["gate", "Immediate (0-1 hour)"],
      ["gate", "Verify system stability"],
    ]);
  });

  it("keeps yaml, promql, typescript and template blocks as references", () => {
    expect(result.unplaced).toEqual([]);
    expect(result.references.filter((r) => r.kind === "code").map((r) => r.lang)).toEqual(["yaml", "typescript", "promql", "promql", "yaml", "text", "text"]);
  });
});

describe("the runbooks repeated to ~1 MB", () => {
  it("keeps every item and step of a ~1 MB document", () => {
    const all = RUNBOOKS.map(readRunbook).join("\n\n");
    const single = parseRunbook(all).counts;
    const copies = Math.ceil(1_000_000 / all.length);
    const big = parseRunbook(Array(copies).fill(all).join("\n\n"));
    expect(big.counts).toEqual({
      phases: single.phases * copies,
      checklistItems: single.checklistItems * copies,
      procedures: single.procedures * copies,
      steps: single.steps * copies,
    });
  }, 60_000);
});
