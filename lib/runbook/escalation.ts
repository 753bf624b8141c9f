import type { TEscalationLevel } from "@/lib/schemas/runbook";
import { collapseWhitespace } from "@/lib/runbook/markdown-text";

// An escalation ladder's rungs, read from the lines of an escalation section:
// - "Level 2 after 15 minutes: page the on-call lead", "Level 3 (T+1h) - call the CTO", "L2 at 30 min: ...":
//   the time after which the level applies, counted from when the run started failing;
// - "**Level 1**: Technical team attempts resolution (30 minutes)": a time in parentheses without "after" is how
//   long the level lasts (a time box), so the next level applies when it ends;
// - "If unresolved in 15 min: Full team standup" (a numbered list under "Escalation"): the next rung, after 15.
// A level with no time applies when the one before it ends (the first: at once).

export type EscalationLine = { level: number | null; afterMinutes: number | null; boxMinutes: number | null; action: string };

const LEVEL = /\b(?:level|tier|l)\s*(\d{1,2})\b/i;
const AMOUNT = String.raw`(\d+(?:\.\d+)?)\s*(minutes?|mins?|m|hours?|hrs?|h|days?|d)\b`;
const AFTER = new RegExp(String.raw`\b(?:after|at|within|past|unresolved (?:in|after|for)|not resolved (?:in|after|within)|t\s*\+|\+|>)\s*` + AMOUNT, "i");
const BOX = new RegExp(String.raw`\(\s*(?:up to\s+|~\s*)?` + AMOUNT + String.raw`\s*\)`, "i");
const AT_ONCE = /\b(immediately|immediate|at once|right away)\b/i;

function minutes(amount: string, unit: string): number {
  const n = Number(amount);
  const u = unit.toLowerCase();
  const factor = u.startsWith("d") ? 1440 : u.startsWith("h") ? 60 : 1;
  return Math.min(10_080, Math.round(n * factor));
}

/** What one line says about its rung, or null when it names neither a level nor an escalation time. */
export function escalationLine(text: string): EscalationLine | null {
  const plain = collapseWhitespace(text.replace(/[*_`]/g, ""));
  const level = LEVEL.exec(plain);
  const after = AFTER.exec(plain);
  const box = after ? null : BOX.exec(plain);
  if (!level && !after) return null;
  let action = plain;
  for (const match of [level, after, box]) if (match) action = action.replace(match[0], " ");
  action = collapseWhitespace(
    action
      .replace(/\(\s*\)/g, "")
      .replace(/^\s*(if|then)\b/i, "")
      .replace(/^[\s:.,;–—-]+|[\s:.,;–—-]+$/g, ""),
  );
  return {
    level: level ? Number(level[1]) : null,
    afterMinutes: after ? minutes(after[1], after[2]) : AT_ONCE.test(plain) ? 0 : null,
    boxMinutes: box ? minutes(box[1], box[2]) : null,
    action: (action || plain).slice(0, 1000),
  };
}

/** The lines of a section in order -> its ladder, by level (a line without a level is the next one). */
export function escalationLadder(lines: EscalationLine[]): TEscalationLevel[] {
  const ladder: TEscalationLevel[] = [];
  let nextStart = 0;
  for (const line of lines) {
    const level = line.level ?? (ladder.at(-1)?.level ?? 0) + 1;
    if (ladder.some((rung) => rung.level === level) || ladder.length >= 20) continue;
    const afterMinutes = line.afterMinutes ?? nextStart;
    ladder.push({ level, afterMinutes, action: line.action });
    nextStart = line.boxMinutes !== null ? afterMinutes + line.boxMinutes : afterMinutes;
  }
  return ladder.sort((a, b) => a.level - b.level);
}

/** Which rung applies after a run has been failing for `failingMinutes`, and the next one (with when it applies). */
export function escalationNow(ladder: TEscalationLevel[], failingMinutes: number): { current: TEscalationLevel | null; next: TEscalationLevel | null } {
  const byTime = [...ladder].sort((a, b) => a.afterMinutes - b.afterMinutes || a.level - b.level);
  let current: TEscalationLevel | null = null;
  for (const rung of byTime) if (rung.afterMinutes <= failingMinutes) current = rung;
  const next = byTime.find((rung) => rung.afterMinutes > failingMinutes) ?? null;
  return { current, next };
}
