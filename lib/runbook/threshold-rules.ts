import type { TParsedThreshold, TThresholdRule } from "@/lib/schemas/runbook";

// Threshold rules in words, as runbooks write them in bullet lists ("Error rate < 0.1%", "P95 latency < 500ms",
// "Error rate > 1% for 5 minutes", "**API Latency**: P95 > 500ms", ">10% error rate sustained") and in the
// cells of threshold tables ("> 5%"). A rule says which way is bad: under a heading or in words about alerts,
// triggers or rollback it describes a breach; elsewhere (success criteria, checklists, targets) it describes
// what healthy looks like.

const OPS: Record<string, TThresholdRule["op"]> = { "<": "<", "<=": "<=", "≤": "<=", ">": ">", ">=": ">=", "≥": ">=" };
const CONDITION = /(<=|>=|≤|≥|<|>)\s*(\d+(?:\.\d+)?)\s*(%|ms|milliseconds?|seconds?|secs?|s|minutes?|mins?|[a-z]+\/[a-z]+)?(?![\w.])/i;
const COMPARISON = /[<>≤≥]/;
const FOR_TIME = /\bfor\s+(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|h)\b/i;
/** Runtime metrics a deploy can watch; coverage, adoption or ticket counts are not. */
const METRIC = /error|latency|response time|p50|p9\d|\bcpu\b|memory|disk|uptime|availab|throughput|connection|5xx|4xx|queue|saturation|requests?\/s/i;
const BREACH_CONTEXT = /alert|trigger|rollback|roll back|rolled back|page|incident|escalat|abort/i;
const UNIT: Record<string, string> = {
  millisecond: "ms",
  milliseconds: "ms",
  second: "s",
  seconds: "s",
  sec: "s",
  secs: "s",
  minute: "min",
  minutes: "min",
  min: "min",
  mins: "min",
};

function forSeconds(text: string): number | null {
  const m = FOR_TIME.exec(text);
  if (!m) return null;
  const u = m[2].toLowerCase();
  return Math.round(Number(m[1]) * (u.startsWith("h") ? 3600 : u.startsWith("m") ? 60 : 1));
}

/** "> 5%" -> { op: ">", value: 5, unit: "%" }; null when there is no comparison with a number. */
export function parseCondition(text: string): Pick<TThresholdRule, "op" | "value" | "unit"> | null {
  const m = CONDITION.exec(text.replace(/\*\*/g, ""));
  if (!m) return null;
  const raw = (m[3] ?? "").toLowerCase();
  return { op: OPS[m[1]], value: Number(m[2]), unit: UNIT[raw] ?? raw };
}

/** The metric's name: the words before the comparison, or after it when the bullet starts with it. */
function metricName(text: string, index: number, matchLength: number): string {
  const clean = (s: string) =>
    s
      .replace(/\*\*|__|`/g, "")
      .replace(/\bwithin\b[^(]*/i, "")
      .replace(/\b(target|monitoring|measurement|sustained|average|of requests failing|of requests|remaining|full|limit)\b:?/gi, "")
      .replace(/[():]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  const before = clean(text.slice(0, index));
  if (before) return before;
  return clean(text.slice(index + matchLength).replace(FOR_TIME, ""));
}

/** A bullet's threshold, if it states one about a runtime metric. */
export function listThreshold(text: string, heading: string | null, line: number): TParsedThreshold | null {
  if (!COMPARISON.test(text)) return null; // most bullets: no copy, no more tests
  const plain = text.replace(/\*\*|__|`/g, "");
  const m = CONDITION.exec(plain);
  if (!m || !METRIC.test(plain)) return null;
  const condition = parseCondition(m[0])!;
  const metric = metricName(plain, m.index, m[0].length);
  if (!metric || !METRIC.test(metric + " " + plain)) return null;
  const breach = BREACH_CONTEXT.test(heading ?? "") || BREACH_CONTEXT.test(plain);
  const rule: TThresholdRule = { ...condition, breach, forSec: forSeconds(plain.slice(m.index)) };
  return {
    metric,
    warning: null,
    critical: breach ? m[0].trim() : null,
    action: breach && /rollback|roll back/i.test((heading ?? "") + plain) ? "Roll back" : null,
    line,
    source: "list",
    healthyWhen: breach ? null : m[0].trim(),
    rule,
  };
}

/** The rule of a table row: its critical cell (else its warning cell), a breach. */
export function tableRule(critical: string | null, warning: string | null): TThresholdRule | null {
  const cell = critical ?? warning;
  const condition = cell ? parseCondition(cell) : null;
  return condition ? { ...condition, breach: true, forSec: cell ? forSeconds(cell) : null } : null;
}

const INVERSE: Record<TThresholdRule["op"], TThresholdRule["op"]> = { "<": ">=", "<=": ">", ">": "<=", ">=": "<" };

/** What a watch step holds to for a rule: the rule itself when it says what healthy is, its inverse for a breach. */
export function healthyCondition(rule: TThresholdRule): { op: TThresholdRule["op"]; value: number } {
  return { op: rule.breach ? INVERSE[rule.op] : rule.op, value: rule.value };
}
