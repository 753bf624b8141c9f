import type { Paragraph, PhrasingContent } from "mdast";
import { collapseWhitespace, inlineText } from "@/lib/runbook/markdown-text";

// Best-effort owner and "required" flags of a checklist item, from what people write in the text:
// "(Owner: DevOps)", "**QA**: run the suite", "[optional]".

const ROLE =
  /^(qa|devops|ops|sre|dba|pm|em|it|ml|data|dev|devs|developers?|eng|engineering|security|secops|support|on-?call|infra|infrastructure|platform|backend|frontend|product|marketing|legal|design|docs|release manager|[a-z ]*\b(lead|manager|team|engineers?|owner|admin|administrator|commander|architect|analyst))$/i;
// A parenthesis's content stops at the next "(" as well as at ")": with `[^)]+` every "(owner" of a text that never
// closes one scanned to the end of the text again (quadratic in a line of "(owner (owner ...").
const OWNER_IN_PARENS = /\((?:owner|owned by|assignee|assigned to|responsible|role)(?:\s*[:=-])?\s*([^()]+)\)/i;
const OWNER_AT_END = /\b(?:owner|assignee)\s*:\s*([A-Za-z][\w /&-]{0,40})$/i;
const OPTIONAL = /\(\s*optional\b[^()]*\)|\[\s*optional\s*\]|^\s*optional\b/i;

function leadingLabel(children: PhrasingContent[]): string | null {
  const [first, second] = children;
  if (!first || (first.type !== "strong" && first.type !== "emphasis")) return null;
  const label = inlineText(first).replace(/:$/, "");
  const colonInside = inlineText(first).endsWith(":");
  const colonAfter = second?.type === "text" && second.value.trimStart().startsWith(":");
  return colonInside || colonAfter ? label : null;
}

export function ownerRoleOf(text: string, paragraph?: Paragraph): string | null {
  const inParens = OWNER_IN_PARENS.exec(text) ?? OWNER_AT_END.exec(text);
  if (inParens) return collapseWhitespace(inParens[1]) || null;
  const label = paragraph ? leadingLabel(paragraph.children) : (/^\[([^\]]{1,40})\]/.exec(text)?.[1] ?? null);
  if (label && ROLE.test(label.trim())) return label.trim();
  const bracket = /^\[([^\]]{1,40})\]/.exec(text)?.[1];
  if (bracket && ROLE.test(bracket.trim())) return bracket.trim();
  return null;
}

export function isRequired(text: string): boolean {
  return !OPTIONAL.test(text);
}
