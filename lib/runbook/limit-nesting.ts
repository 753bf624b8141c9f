// micromark recurses once per nested container and re-scans deep indentation and long runs of
// emphasis markers, so a few kilobytes of "- - - - ..." overflow the stack and "*_*_*_..." takes
// minutes. No runbook nests that deep; those lines are flattened before parsing. Line count and
// fenced code are kept exactly as they were, and no words are removed.

const MAX_CONTAINERS = 32;
const MAX_INDENT = 128;
const MAX_DELIMITERS = 128;
const CONTAINER = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;
/** Sticky, run at a line's start; `[^\S\n]` is whitespace within the line. */
const FENCE = /(?:[^\S\n]|>)*(?:[-*+][^\S\n]+|\d{1,9}[.)][^\S\n]+)*(`{3,}|~{3,})/y;

function limitContainers(line: string): string {
  let rest = line;
  let prefix = "";
  let count = 0;
  let marker = CONTAINER.exec(rest);
  while (marker) {
    count++;
    if (count <= MAX_CONTAINERS) prefix += marker[0];
    rest = rest.slice(marker[0].length);
    marker = CONTAINER.exec(rest);
  }
  return count <= MAX_CONTAINERS ? line : prefix + rest;
}

function limitIndent(line: string): string {
  if (line.length <= MAX_INDENT) return line;
  const indent = /^[ \t]*/.exec(line)![0];
  return indent.length > MAX_INDENT ? " ".repeat(MAX_INDENT) + line.slice(indent.length) : line;
}

function limitDelimiters(line: string): string {
  if (line.length <= MAX_DELIMITERS) return line;
  const delimiters = line.match(/[*_]/g)?.length ?? 0;
  return delimiters > MAX_DELIMITERS ? line.replace(/(?<!\\)([*_])/g, "\\$1") : line;
}

export function limitNesting(markdown: string): string {
  // Lines are visited in place (no split and join of the whole text: that was most of the time on 1 MB); only a
  // line that changes is copied.
  const pieces: string[] = [];
  let copied = 0;
  let fence: string | null = null;
  for (let start = 0; start <= markdown.length;) {
    const newline = markdown.indexOf("\n", start);
    const end = newline < 0 ? markdown.length : newline;
    FENCE.lastIndex = start;
    const fenceMatch = FENCE.exec(markdown);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
    } else {
      if (fenceMatch) fence = fenceMatch[1];
      // Each limit needs more characters than the smallest of them (a marker is at least one character): most lines
      // are shorter and are left alone without running the checks.
      if (end - start > MAX_CONTAINERS) {
        const line = markdown.slice(start, end);
        const limited = limitDelimiters(limitIndent(limitContainers(line)));
        if (limited !== line) {
          pieces.push(markdown.slice(copied, start), limited);
          copied = end;
        }
      }
    }
    start = end + 1;
  }
  if (copied === 0) return markdown;
  pieces.push(markdown.slice(copied));
  return pieces.join("");
}
