import type { ShellToken } from "@/lib/runbook/shell-words";
import type { THttpExpect } from "@/lib/schemas/step";

// What may follow a curl command and still be an HTTP check: `> /dev/null`-style redirections, `| grep`
// filters (header or body expectations) and `| jq -e '.path == value'` comparisons (JSON expectations).

/** Words in the comment or heading above a header grep that mean "these headers must not be there". */
export const ABSENT_HINT = /\b(no|not|never|without|absent|hidden|hide|must ?n[o']t|shouldn't|should not|don't|doesn't|leak(s|ed|ing)?|removed?|stripped)\b/i;

/** A word whose only expansions are `${NAME}` references (upper-case names: secrets and environment variables). */
export const SECRET_REFERENCES_ONLY = /^(?:[^$`\\]|\$\{[A-Z_][A-Z0-9_]*\})*$/;

/** Splits the tokens into pipeline segments, accepting only harmless redirections to /dev/null. */
export function pipelineSegments(tokens: ShellToken[]): string[][] | null {
  const segments: string[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.type === "word") {
      // `${NAME}` in the curl itself is a secret or variable the http step resolves at run time; any other
      // expansion ($VAR, $(...), in a grep pattern) needs the shell, so the command stays a command.
      if (token.expands && !(segments.length === 1 && SECRET_REFERENCES_ONLY.test(token.value))) return null;
      segments[segments.length - 1].push(token.value);
    } else if (token.value === "|") segments.push([]);
    else if (/^\d*>>?$|^&>$/.test(token.value)) {
      const next = tokens[i + 1];
      const after = tokens[i + 2];
      if (next?.type === "word" && next.value === "/dev/null") i++;
      else if (next?.type === "op" && next.value === "&" && after?.type === "word" && /^\d$/.test(after.value)) i += 2;
      else return null;
    } else if (token.value === "\n" && i === tokens.length - 1) continue;
    else return null;
  }
  return segments;
}

type Grep = { pattern: string; ignoreCase: boolean; extended: boolean };

export function parseGrep(words: string[]): Grep | null {
  if (!["grep", "egrep", "fgrep"].includes(words[0])) return null;
  const grep: Grep = { pattern: "", ignoreCase: false, extended: words[0] === "egrep" };
  const patterns: string[] = [];
  for (let i = 1; i < words.length; i++) {
    const word = words[i];
    if (word === "-e") patterns.push(words[++i] ?? "");
    else if (/^-[iqsEF]+$/.test(word)) {
      if (word.includes("i")) grep.ignoreCase = true;
      if (word.includes("E")) grep.extended = true;
    } else if (word.startsWith("-")) return null;
    else patterns.push(word);
  }
  if (patterns.length !== 1 || patterns[0] === "") return null;
  grep.pattern = patterns[0];
  return grep;
}

function headerNames(grep: Grep): string[] | null {
  const alternatives = grep.extended ? grep.pattern.split("|") : grep.pattern.split("\\|");
  const names = alternatives.map((a) => a.trim().replace(/^\^/, "").replace(/:$/, "").toLowerCase());
  return names.every((n) => /^[a-z0-9][a-z0-9-]*$/.test(n)) ? names : null;
}

export function grepExpectation(grep: Grep, headersInOutput: boolean, absent: boolean): THttpExpect | null {
  if (headersInOutput) {
    const names = headerNames(grep);
    if (!names) return null;
    return absent ? { headerAbsent: names } : { headerPresent: names };
  }
  const meta = grep.extended ? /[[\]*^$\\+?(){}|]/ : /[[\]*^$\\]/;
  if (grep.ignoreCase || meta.test(grep.pattern) || absent) return null;
  return { bodyContains: [grep.pattern] };
}

const JQ_COMPARISON = /^\s*(\.[A-Za-z_$][\w$-]*(?:\.[A-Za-z_$][\w$-]*|\[\d+\])*)\s*==\s*("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null)\s*$/;

/** `jq [-e] [-r] '.a.b == "ok"'`: the JSON body must hold that value at that path. Anything else is not a check. */
export function jqExpectation(words: string[]): THttpExpect | null {
  if (words[0] !== "jq") return null;
  const filters = words.slice(1).filter((w) => !/^-[ercMjS]+$/.test(w));
  if (filters.length !== 1) return null;
  const match = JQ_COMPARISON.exec(filters[0]);
  if (!match) return null;
  return { jsonPath: [{ path: match[1], equals: JSON.parse(match[2]) as unknown }] };
}
