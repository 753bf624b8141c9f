// micromark recurses once per nested container and re-scans deep indentation and long runs of
// emphasis markers, so a few kilobytes of "- - - - ..." overflow the stack and "*_*_*_..." takes
// minutes. No runbook nests that deep; those lines are flattened before parsing. Line count and
// fenced code are kept exactly as they were, and no words are removed.

const MAX_CONTAINERS = 32;
const MAX_INDENT = 128;
const MAX_DELIMITERS = 128;
const CONTAINER = /^[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/;
const FENCE = /^[\s>]*(?:[-*+]\s+|\d{1,9}[.)]\s+)*(`{3,}|~{3,})/;

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
  const lines = markdown.split("\n");
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) fence = null;
      continue;
    }
    if (fenceMatch) fence = fenceMatch[1];
    // Each limit needs more characters than the smallest of them (a marker is at least one character): most lines
    // are shorter and are left alone without running the checks.
    if (line.length > MAX_CONTAINERS) lines[i] = limitDelimiters(limitIndent(limitContainers(line)));
  }
  return lines.join("\n");
}
