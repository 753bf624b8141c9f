import { isCommandComplete, newScanState, scanLine, type Heredoc } from "@/lib/runbook/shell-line-scan";

// Splits a shell code block into commands. A command keeps its `\` continuation lines, heredoc
// bodies, multi-line quotes and whole for/while/if/case/function blocks. Full-line comments become
// the description of the commands that follow them (up to the next blank line or comment); "# Expected: ..." comments right after a command
// are its expectations; comments left over at the end of the block become a note (a manual step).
// Lines of SQL pasted into a shell block (SELECT ... ;) are kept together up to their `;`.

export type ShellCommand = {
  kind: "command";
  command: string;
  description: string | null;
  expectations: string[];
  /** 0-based index of the command's first line in the block. */
  line: number;
};
export type ShellNote = { kind: "note"; text: string; line: number };
export type ShellEntry = ShellCommand | ShellNote;

const EXPECTATION = /^(expected|expect|expects|expecting|should (return|respond|be|show|print|output|see)|returns?|output|result)\b/i;
const SQL_START = /^(SELECT|INSERT|UPDATE|DELETE|WITH|EXPLAIN|CREATE|ALTER|DROP|GRANT|REVOKE|TRUNCATE)\b/;

/** Comment text without the `#`s, decoration and leading step numbers ("# 3. Verify" -> "Verify"). */
export function commentText(line: string): string {
  return line
    .trim()
    .replace(/^#+/, "")
    .trim()
    .replace(/^(step\s+)?\d+[.):]\s+/i, "")
    .replace(/^[-=*~_]{3,}\s*|\s*[-=*~_]{3,}$/g, "")
    .trim();
}

export function joinSentences(parts: string[]): string {
  let out = "";
  for (const part of parts) {
    if (out === "") out = part;
    else out += (/[.:;!?,]$/.test(out) ? " " : ". ") + part;
  }
  return out;
}

/** In console / shell-session blocks only prompt lines (`$ cmd`) are commands; the rest is output. */
export function stripConsolePrompts(code: string): string {
  const lines = code.split("\n");
  if (!lines.some((l) => /^\s*[$%] /.test(l))) return code;
  const kept: string[] = [];
  let continuing = false;
  for (const line of lines) {
    const prompt = /^\s*[$%] (.*)$/.exec(line);
    if (prompt) kept.push(prompt[1]);
    else if (continuing || /^\s*#/.test(line) || line.trim() === "") kept.push(line);
    else kept.push(""); // output: keeps line numbers, is not a command
    continuing = /\\$/.test(kept[kept.length - 1]);
  }
  return kept.join("\n");
}

export function splitShellCommands(code: string): ShellEntry[] {
  const lines = code.split("\n");
  const entries: ShellEntry[] = [];
  let pending: string[] = [];
  let pendingLine = -1;
  let lastCommand: ShellCommand | null = null;
  let groupDescription: string | null = null;

  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#!")) {
      if (trimmed === "") groupDescription = null;
      i++;
      continue;
    }
    if (trimmed.startsWith("#")) {
      const text = commentText(trimmed);
      if (text !== "") {
        if (lastCommand && pending.length === 0 && EXPECTATION.test(text)) lastCommand.expectations.push(text);
        else {
          if (pending.length === 0) pendingLine = i;
          pending.push(text);
        }
      }
      i++;
      continue;
    }

    const start = i;
    const end = SQL_START.test(trimmed) ? sqlStatementEnd(lines, i) : shellCommandEnd(lines, i);
    const command = lines
      .slice(start, end)
      // trimEnd, not replace(/\s+$/): the regex retries at every space of a long run (quadratic on one line of spaces)
      .map((l) => l.trimEnd())
      .join("\n");
    lastCommand = {
      kind: "command",
      command,
      description: pending.length > 0 ? joinSentences(pending) : groupDescription,
      expectations: [],
      line: start,
    };
    entries.push(lastCommand);
    groupDescription = lastCommand.description;
    pending = [];
    i = end;
  }
  if (pending.length > 0) entries.push({ kind: "note", text: joinSentences(pending), line: pendingLine });
  return entries;
}

/** Index after the last line of the shell command starting at `start`. */
function shellCommandEnd(lines: string[], start: number): number {
  const state = newScanState();
  const heredocs: Heredoc[] = [];
  let i = start;
  while (i < lines.length) {
    const line = lines[i];
    i++;
    if (heredocs.length > 0) {
      if (line.trim() === heredocs[0].delimiter) heredocs.shift();
      if (heredocs.length > 0) continue;
      if (state.quote === null && state.blocks === 0 && state.braces <= 0 && state.parens <= 0) return i;
      continue;
    }
    const scan = scanLine(line, state);
    for (const heredoc of scan.heredocs) heredocs.push(heredoc); // no spread: a line of 50k heredocs overflows the stack
    if (heredocs.length === 0 && isCommandComplete(state, scan)) return i;
  }
  return lines.length;
}

/** SQL runs to the line that ends with `;`, or stops at a blank line or a shell comment. */
function sqlStatementEnd(lines: string[], start: number): number {
  let i = start;
  while (i < lines.length) {
    const trimmed = lines[i].replace(/--.*$/, "").trim();
    i++;
    if (trimmed.endsWith(";")) return i;
    const next = lines[i]?.trim();
    if (next === undefined || next === "" || next.startsWith("#")) return i;
  }
  return lines.length;
}
