import { ownerRoleOf, isRequired } from "@/lib/runbook/checklist-item";
import { parseTimePhrase } from "@/lib/runbook/time-phrase";

// Small writers for the exported runbook (export-runbook.ts): texts escaped so the importer reads back the same
// words, time phrases the importer understands, details as further paragraphs and sub-bullets, fenced blocks.

/** Inline text as Markdown: emphasis, code and HTML marks are escaped, links (`[text](url)`) are kept as written. */
export function escapeInline(text: string): string {
  let out = "";
  let from = 0;
  for (const link of text.matchAll(LINK_OR_URL)) {
    out += escapePlain(text.slice(from, link.index)) + link[0];
    from = link.index + link[0].length;
  }
  return out + escapePlain(text.slice(from));
}

// Links as the importer writes them (`[label](url)`, a bare URL): copied as they are, escaping would change the URL.
const LINK_OR_URL = /\[[^\]\n]*\]\([^()\s]*\)|\b(?:https?:\/\/|mailto:)[^\s<>]+/g;

function escapePlain(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/[*_`<[\]]/g, (c) => `\\${c}`)
    .replace(/&(?=#?\w+;)/g, "&amp;");
}

/** A heading's text: the importer reads headings without their links, so nothing is kept as a link. */
export function escapeHeading(text: string): string {
  return escapePlain(text).replace(/#+$/, (h) => h.replace(/#/g, "\\#"));
}

/** A line that would open a block (heading, quote, list, task box, table) when it starts a paragraph. */
export function escapeLineStart(line: string): string {
  const escaped = escapeInline(line);
  if (/^(#|>|[-+*]\s|[-+*]$|\d+[.)](\s|$)|=+$|\||\[[ xX]\])/.test(escaped)) {
    const digits = /^(\d+)([.)])/.exec(escaped);
    return digits ? `${digits[1]}\\${escaped.slice(digits[1].length)}` : `\\${escaped}`;
  }
  return escaped;
}

/** "T-2 hours", "T+3 days", "T-0": what the importer's time-phrase reader gives back as the same minutes. */
export function timePhrase(minutes: number): string {
  if (minutes === 0) return "T-0";
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  if (abs % 1440 === 0) return `T${sign}${abs / 1440} ${abs === 1440 ? "day" : "days"}`;
  if (abs % 60 === 0) return `T${sign}${abs / 60} ${abs === 60 ? "hour" : "hours"}`;
  return `T${sign}${abs} ${abs === 1 ? "minute" : "minutes"}`;
}

/** Whether a heading's own words name a time (the importer would read it instead of its parent's). */
export function namesATime(text: string): boolean {
  return parseTimePhrase(text) !== null;
}

/**
 * An item's first line as the importer reads owner and "required" from it: "(optional)" when not required, an
 * owner the text does not name as `(owner: X)`, or as the bold label it was imported from (`**QA**: run ...`).
 */
export function itemLine(text: string, required: boolean, ownerRole: string | null): string {
  let line = escapeInline(text);
  const owner = ownerRoleOf(text);
  if (ownerRole && owner !== ownerRole) {
    const label = `${ownerRole}:`;
    if (text.startsWith(label)) line = `**${escapeInline(ownerRole)}**${escapeInline(text.slice(ownerRole.length))}`;
    else line = `${line} (owner: ${escapeInline(ownerRole)})`;
  }
  if (!required && isRequired(text)) line = `${line} (optional)`;
  return line;
}

/**
 * Details under a list item, indented by `indent`: lines that are sub-bullets ("- x", "  - y") stay sub-bullets,
 * the others become further paragraphs (which the importer puts first, so they are written first).
 */
export function detailsLines(details: string | null | undefined, indent: string): string[] {
  if (!details) return [];
  const lines = details.split("\n").filter((l) => l.trim() !== "");
  const bullet = (l: string) => /^( {2})*- /.test(l);
  const out: string[] = [];
  for (const line of lines.filter((l) => !bullet(l))) out.push("", `${indent}${escapeLineStart(line.trim())}`);
  const bullets = lines.filter(bullet);
  if (bullets.length > 0) out.push("");
  for (const line of bullets) {
    const depth = (/^ */.exec(line)?.[0].length ?? 0) / 2;
    out.push(`${indent}${"  ".repeat(depth)}- ${escapeLineStart(line.trim().slice(2))}`);
  }
  return out;
}

/** A fenced block whose fence is longer than any run of backticks inside it. */
export function fenced(lang: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${code.replace(/\n+$/, "")}\n${fence}`;
}

/** A table cell (read as plain text): one line, marks and pipes escaped. */
export function cell(text: string | null | undefined): string {
  return escapePlain((text ?? "").replace(/\s*\n\s*/g, " ")).replace(/\|/g, "\\|");
}
