import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bakeOf, recogniseCanaries, weightSequences } from "@/lib/runbook/canary-stages";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { healthyCondition, listThreshold, parseCondition } from "@/lib/runbook/threshold-rules";

// What the import recognises beyond checklists and steps: canary stage lists and threshold bullets, over the
// three real runbooks (copies in ./fixtures) and small synthetic ones.

const runbook = (name: string) => parseRunbook(fs.readFileSync(path.resolve(__dirname, "fixtures", name), "utf8"));
const rules = (r: ReturnType<typeof parseRunbook>) =>
  r.thresholds
    .filter((t) => t.source === "list")
    .map((t) => [t.line, t.metric, t.rule && `${t.rule.op} ${t.rule.value}${t.rule.unit}`, t.rule?.breach, t.rule?.forSec]);

describe("the real runbooks", () => {
  it("ancient-compute: the canary comment 10 -> 25 -> 50 -> 100 with its 5-minute verify and the kubectl patch as weight command", () => {
    const r = runbook("ancient-compute-launch-guide.md");
    expect(r.canaries).toEqual([
      {
        line: 319,
        text: "3. Gradually increase traffic (10% -> 25% -> 50% -> 100%)",
        stages: [10, 25, 50, 100].map((weight) => ({ weight, bakeSec: 300 })),
        weightCommand: `kubectl patch service ancient-compute-backend -p '{"spec":{"trafficPolicy":{"canary":{"weight":{{weight}}}}}}'`,
      },
    ]);
    expect(rules(r)).toEqual([
      [437, "API Latency P95", "> 500ms", true, null],
      [438, "Error Rate", "> 0.5%", true, null],
      [439, "Database Connection pool", "> 80%", true, null],
      [440, "Memory Pod memory", "> 80%", true, null],
      [441, "Disk Database storage", "> 80%", true, null],
      [464, "API response time", "< 500ms", false, null],
      [465, "Error rate", "< 0.5%", false, null],
    ]);
    // "Coverage above 85%" is a pre-release check, not a runtime threshold.
    expect(r.thresholds.some((t) => /coverage/i.test(t.metric))).toBe(false);
  });

  it("auto-grader: no canary; alerting rules are breaches with their durations, targets and success metrics are healthy rules", () => {
    const r = runbook("auto-grader-launch-procedures.md");
    expect(r.canaries).toEqual([]);
    expect(rules(r)).toEqual([
      [239, "High error rate", "> 5%", true, 300],
      [240, "Slow response times", "> 2s", true, 600],
      [241, "High CPU usage", "> 80%", true, 900],
      [242, "Low disk space", "< 10%", true, null],
      [349, "Response time", "< 2s", false, null],
      [350, "Throughput", "> 100requests/second", false, null],
      [351, "Error rate", "< 1%", false, null],
      [352, "Resource utilization", "< 70%", false, null],
      [364, "System unavailability", "> 5min", true, null],
      [366, "error rate", "> 10%", true, null], // "- >10% error rate sustained" (issue 18: a trigger, not a blockquote)
      [433, "System uptime", "> 99.9%", false, null],
      [434, "Response time", "< 2s", false, null],
      [435, "Error rate", "< 1%", false, null],
    ]);
    expect(r.thresholds.some((t) => /adoption|ticket|satisfaction|feature/i.test(t.metric))).toBe(false);
  });

  it("xcodereviewer: the canary spread over day headings (5 / 25 / 50 / 100 % with their monitoring times), the feature-flag rollouts, and the rollback triggers", () => {
    const r = runbook("xcodereviewer-rollout.md");
    expect(r.canaries.map((c) => [c.line, c.stages, c.weightCommand])).toEqual([
      [
        267,
        [
          { weight: 5, bakeSec: null },
          { weight: 25, bakeSec: 48 * 3600 },
          { weight: 50, bakeSec: null },
          { weight: 100, bakeSec: 24 * 3600 },
        ],
        null,
      ],
      [380, [10, 25, 50, 100].map((weight) => ({ weight, bakeSec: null })), null],
      [387, [10, 50, 100].map((weight) => ({ weight, bakeSec: null })), null],
    ]);
    expect(rules(r)).toEqual([
      [313, "Error rate", "< 0.1%", false, null],
      [314, "P95 latency", "< 500ms", false, null],
      [519, "Error rate", "< 0.1%", false, null],
      [520, "Latency P95", "< 500ms", false, null],
      [537, "Error rate", "> 1%", true, 300],
      [538, "P95 latency", "> 2s", true, 600],
      [539, "Database connection failures", "> 10%", true, 300],
    ]);
    expect(r.thresholds.find((t) => t.line === 537)).toMatchObject({ critical: "> 1%", action: "Roll back" });
    // Both are also still checklist items: nothing is dropped.
    expect(r.phases.flatMap((p) => p.items).some((i) => i.text === "Error rate < 0.1%")).toBe(true);
  });
});

describe("canary stages in synthetic runbooks", () => {
  it.each([
    ["Shift 5% -> 25% -> 50% -> 100% of traffic", [5, 25, 50, 100]],
    ["Traffic: 5% → 25% → 100%", [5, 25, 100]],
    ["Stages: 5%, 25%, 50%", [5, 25, 50]],
    ["go 10%, then 50% and 100%", [10, 50, 100]],
    ["for weight in 25 50 75 100; do set-weight $weight; done", [25, 50, 75, 100]],
    ["canary weight 10 -> 20 -> 40", [10, 20, 40]],
  ])("reads %j", (text, weights) => {
    expect(weightSequences(text)).toEqual([weights]);
  });

  it.each([
    ["upgrade 1.2 -> 1.3 -> 1.4"],
    ["10 -> 20 -> 30 requests"],
    ["50% -> 25%"],
    ["25% -> 150%"],
    ["P95 > 500ms"],
    ["for i in 1 2 3; do retry; done"].map((s) => s.replace("1 2 3", "3 2 1")),
  ])("ignores %j", (text) => {
    expect(weightSequences(text)).toEqual([]);
  });

  it.each([
    ["Monitor for 15 minutes after each increase", 900],
    ["wait 10 minutes between increases", 600],
    ["Each step: verify for 5 minutes", 300],
    ["bake for 90 seconds", 90],
    ["Monitor for 2 hours", 7200],
    ["Monitor closely", null],
    ["Monitor for 30 days", null],
  ])("reads the bake in %j", (text, seconds) => {
    expect(bakeOf(text)).toBe(seconds);
  });

  it("takes the loop's weight command and the section's bake", () => {
    const md = [
      "# Deploy",
      "",
      "Wait 10 minutes between increases.",
      "",
      "```bash",
      "for weight in 25 50 75 100; do",
      "  ./set-weight.sh --weight=$weight",
      "done",
      "./set-weight.sh --weight=25",
      "```",
      "",
      "# Later",
      "monitor for 1 hour",
    ].join("\n");
    expect(recogniseCanaries(md)).toEqual([
      {
        line: 6,
        text: "for weight in 25 50 75 100; do",
        stages: [25, 50, 75, 100].map((weight) => ({ weight, bakeSec: 600 })),
        weightCommand: "./set-weight.sh --weight={{weight}}",
      },
    ]);
  });

  it("reads a run of headings with traffic shares, and stops the run when the share goes down", () => {
    const md = ["## 10% traffic", "monitor for 15 minutes", "## 50% traffic", "## 100% traffic", "## 20% traffic"].join("\n");
    expect(recogniseCanaries(md).map((c) => c.stages)).toEqual([
      [
        { weight: 10, bakeSec: 900 },
        { weight: 50, bakeSec: null },
        { weight: 100, bakeSec: null },
      ],
    ]);
  });

  it("does not read a bash comment as a heading", () => {
    const md = ["```bash", "# 10% traffic", "# 50% traffic", "```"].join("\n");
    expect(recogniseCanaries(md)).toEqual([]);
  });
});

describe("threshold bullets", () => {
  it.each([
    ["Error rate < 0.1%", "Monitoring Checklist", ["Error rate", "<", 0.1, "%", false, null]],
    ["P95 latency < 500ms", null, ["P95 latency", "<", 500, "ms", false, null]],
    ["rollback if error rate > 1% for 5 minutes", null, ["rollback if error rate", ">", 1, "%", true, 300]],
    ["**API Latency**: P95 > 500ms", "Alert Thresholds", ["API Latency P95", ">", 500, "ms", true, null]],
    [">10% error rate sustained", "Rollback Triggers", ["error rate", ">", 10, "%", true, null]],
    ["Error rate ≤ 0.5%", "Success", ["Error rate", "<=", 0.5, "%", false, null]],
    ["P99 latency > 2 seconds for 10 minutes", "Alerts", ["P99 latency", ">", 2, "s", true, 600]],
  ])("reads %j (under %j)", (text, heading, [metric, op, value, unit, breach, forSec]) => {
    expect(listThreshold(text as string, heading as string | null, 3)).toMatchObject({
      metric,
      line: 3,
      source: "list",
      rule: { op, value, unit, breach, forSec },
    });
  });

  it.each([
    ["Coverage above 85%"],
    ["Test coverage ≥ 80%"],
    ["Support ticket volume: <5% of total users per week"],
    ["Deploy to 5% of users"],
    ["No memory leaks"],
  ])("ignores %j", (text) => {
    expect(listThreshold(text, "Success Criteria", 1)).toBeNull();
  });

  it("turns a rule into what a watch holds to: the rule itself, or its inverse for a breach", () => {
    expect(healthyCondition({ op: "<", value: 0.1, unit: "%", breach: false, forSec: null })).toEqual({ op: "<", value: 0.1 });
    expect(healthyCondition({ op: ">", value: 1, unit: "%", breach: true, forSec: 300 })).toEqual({ op: "<=", value: 1 });
    expect(healthyCondition({ op: "<", value: 10, unit: "%", breach: true, forSec: null })).toEqual({ op: ">=", value: 10 });
    expect(parseCondition("> 2 seconds")).toEqual({ op: ">", value: 2, unit: "s" });
    expect(parseCondition("fine")).toBeNull();
  });
});

describe("rollback triggers become thresholds (issue 18)", () => {
  it("reads `- >10% error rate sustained` (a blockquote to Markdown) as a breach threshold with a rollback action", () => {
    const result = parseRunbook("## Rollback Triggers\n- >10% error rate sustained\n- Data corruption detected\n");
    expect(result.thresholds).toEqual([
      expect.objectContaining({
        metric: "error rate",
        critical: ">10%",
        action: "Roll back",
        rule: expect.objectContaining({ op: ">", value: 10, breach: true }),
      }),
    ]);
    expect(result.unplaced.map((u) => u.text).join("\n")).toContain(">10% error rate sustained");
  });
});
