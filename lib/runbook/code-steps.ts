import { isConsoleLanguage } from "@/lib/runbook/code-block";
import { curlToHttp } from "@/lib/runbook/curl-to-http";
import { splitShellCommands, stripConsolePrompts, type ShellCommand } from "@/lib/runbook/shell-commands";
import type { TParsedStep } from "@/lib/schemas/runbook";

// Turns a shell code block into procedure steps: `curl` checks become http steps, `sleep N` and
// "# wait 5 minutes" notes become wait steps, other comment-only notes become gates (a person
// confirms), everything else is a command step. Step text: the comment above the command, prefixed
// with the lead-in (the checklist item or numbered step the block belongs to), else the command.

export type BlockContext = {
  lang: string;
  /** Text of the list item (task or numbered step) the block sits in, if any. */
  leadIn: string | null;
  heading: string | null;
  /** Absolute line number of the block's first code line. */
  firstLine: number;
};

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const SLEEP = /^sleep\s+(\d+)([smhd]?)$/;
const WAIT_NOTE = /^(?:wait|sleep|pause)\s+(?:for\s+)?(\d+)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b/i;

function withLeadIn(leadIn: string | null, text: string | null): string | null {
  if (leadIn && text) return `${leadIn}: ${text}`;
  return leadIn ?? text;
}

function withExpectations(text: string, expectations: string[]): string {
  return expectations.length > 0 ? `${text} (${expectations.join("; ")})` : text;
}

/** The line without its trailing `\` (what `.replace(/\s*\\$/, "")` did, without retrying at every space of a long run). */
function withoutContinuation(line: string): string {
  return line.endsWith("\\") ? line.slice(0, -1) : line;
}

function commandStep(entry: ShellCommand, context: BlockContext, line: number): TParsedStep {
  const sleep = SLEEP.exec(entry.command.trim());
  const described = withLeadIn(context.leadIn, entry.description);
  if (sleep) {
    const seconds = Number(sleep[1]) * UNIT_SECONDS[sleep[2] || "s"];
    return { kind: "wait", text: described ?? entry.command.trim(), seconds, line };
  }
  const http = curlToHttp(entry.command, {
    description: entry.description,
    expectations: entry.expectations,
    heading: context.heading,
  });
  if (http) {
    const text = withExpectations(described ?? `${http.request.method} ${http.request.url}`, entry.expectations);
    return { kind: "http", text, ...http, line };
  }
  const firstLine = withoutContinuation(entry.command.split("\n")[0]).trim();
  return { kind: "command", text: withExpectations(described ?? firstLine, entry.expectations), command: entry.command, line };
}

export function shellBlockSteps(code: string, context: BlockContext): TParsedStep[] {
  const source = isConsoleLanguage(context.lang) ? stripConsolePrompts(code) : code;
  return splitShellCommands(source).map((entry): TParsedStep => {
    const line = context.firstLine + entry.line;
    if (entry.kind === "command") return commandStep(entry, context, line);
    const text = withLeadIn(context.leadIn, entry.text) ?? entry.text;
    const wait = WAIT_NOTE.exec(entry.text);
    if (wait) {
      const unit = wait[2].toLowerCase()[0];
      return { kind: "wait", text, seconds: Number(wait[1]) * UNIT_SECONDS[unit], line };
    }
    return { kind: "gate", text, line };
  });
}
