// Splits one shell command into words and operators the way the shell would, without running
// anything: quotes removed, escapes resolved, and each word marked when it needs the shell to expand
// it ($VAR, $(...), backticks), so callers can tell literal arguments from computed ones.

export type ShellToken = { type: "word"; value: string; expands: boolean } | { type: "op"; value: string };

const OPERATORS = ["&&", "||", ";;", "|&", "&>", ">>", "<<", "|", "&", ";", "(", ")", ">", "<", "\n"];
const OPERATOR_START = new Set(OPERATORS.map((o) => o[0]));
/** A run of characters that are only ever part of a word (a `#` inside a word is too; one starting a word is not). */
const PLAIN_RUN = /[^ \t\\'"&|;()<>\n$`]+/y;

export function tokenizeShell(command: string): ShellToken[] {
  const src = command.replace(/\\\r?\n/g, "");
  const tokens: ShellToken[] = [];
  let word = "";
  let inWord = false;
  let expands = false;

  const endWord = () => {
    if (inWord) tokens.push({ type: "word", value: word, expands });
    word = "";
    inWord = false;
    expands = false;
  };

  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " " || c === "\t") {
      endWord();
      i++;
      continue;
    }
    if (c === "#" && !inWord) {
      while (i < src.length && src[i] !== "\n") i++;
      continue;
    }
    if (c === "\\") {
      word += src[i + 1] ?? "";
      inWord = true;
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = src.indexOf("'", i + 1);
      const end = close < 0 ? src.length : close;
      word += src.slice(i + 1, end);
      inWord = true;
      i = end + 1;
      continue;
    }
    if (c === '"') {
      inWord = true;
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\" && i + 1 < src.length && '"\\$`\n'.includes(src[i + 1])) {
          word += src[i + 1];
          i += 2;
          continue;
        }
        if (src[i] === "$" || src[i] === "`") expands = true;
        word += src[i];
        i++;
      }
      i++;
      continue;
    }
    if (c !== "#") {
      PLAIN_RUN.lastIndex = i;
      const run = PLAIN_RUN.exec(src);
      if (run) {
        word += run[0];
        inWord = true;
        i += run[0].length;
        continue;
      }
    }
    const op = OPERATOR_START.has(c) ? OPERATORS.find((o) => src.startsWith(o, i)) : undefined;
    if (op) {
      // "2>" and "2>&1": a file-descriptor number right before a redirection belongs to it
      if ((op === ">" || op === ">>" || op === "<") && inWord && /^\d+$/.test(word) && !expands) {
        const fd = word;
        word = "";
        inWord = false;
        tokens.push({ type: "op", value: fd + op });
      } else {
        endWord();
        tokens.push({ type: "op", value: op });
      }
      i += op.length;
      continue;
    }
    if (c === "$" || c === "`") expands = true;
    word += c;
    inWord = true;
    i++;
  }
  endWord();
  return tokens;
}
