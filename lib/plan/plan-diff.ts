// What changed between two plans, as lines a person reads: one line per procedure and per step, compared with a
// longest-common-subsequence diff (plans are tens of steps, so the quadratic table is small).
import { DEFAULT_PIPELINE, type PlanSnapshot, type PlanStep } from "@/lib/plan/plan-digest";

export type PlanDiffLine = { op: "added" | "removed" | "same"; text: string };

function describeStep(s: PlanStep): string {
  const config = (s.config ?? {}) as Record<string, unknown>;
  const { command, ...rest } = config;
  const what = typeof command === "string" ? `$ ${command}` : "";
  const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : "";
  return `${s.kind} "${s.text}"${what ? `: ${what}` : ""}${extra}`;
}

/** The plan as lines: "Deploy (deploy)" (or "Deploy (deploy, staging pipeline #2)") then "  1. command "deploy": $ echo hi". */
export function planLines(plan: PlanSnapshot): string[] {
  return plan.procedures.flatMap((p) => [
    `${p.name} (${p.kind}${p.pipeline ? `, ${p.pipeline.environment === DEFAULT_PIPELINE ? "default" : p.pipeline.environment} pipeline #${p.pipeline.position + 1}` : ""})`,
    ...p.steps.map((s, i) => `  ${i + 1}. ${describeStep(s)}`),
  ]);
}

/** Every line of both plans, marked added / removed / same; `changesOnly` keeps the changed lines and their procedure's heading. */
export function diffPlans(from: PlanSnapshot, to: PlanSnapshot, { changesOnly = true } = {}): PlanDiffLine[] {
  const a = planLines(from);
  const b = planLines(to);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: PlanDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: "same", text: a[i] });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push({ op: "removed", text: a[i++] });
    else out.push({ op: "added", text: b[j++] });
  }
  if (!changesOnly) return out;
  // Keep each change with the heading of the procedure it is in, so "2. command ..." says where it is.
  return out.filter((line, k) => {
    if (line.op !== "same") return true;
    if (line.text.startsWith("  ")) return false;
    for (let n = k + 1; n < out.length && out[n].text.startsWith("  "); n++) if (out[n].op !== "same") return true;
    return false;
  });
}
