// A line-at-a-time scan of shell source: enough to tell where one command ends and the next one
// starts (quotes, `\` continuations, heredocs, for/while/if/case blocks, { } and ( ) groups). It does
// not interpret anything.

export type Heredoc = { delimiter: string };

export type ScanState = {
  quote: "'" | '"' | "`" | null;
  /** Open for/while/until/select/if/case blocks. */
  blocks: number;
  braces: number;
  parens: number;
};

export type LineScan = { heredocs: Heredoc[]; continues: boolean };

const OPENERS = new Set(["if", "for", "while", "until", "case", "select"]);
const CLOSERS = new Set(["fi", "done", "esac"]);
// After these words the next word is again a command (so a keyword there counts).
const KEEP_COMMAND_POSITION = new Set(["then", "do", "else", "elif", "!", "time", "if", "while", "until", "{"]);
const WORD_END = new Set([" ", "\t", ";", "&", "|", "(", ")", "<", ">"]);

export function newScanState(): ScanState {
  return { quote: null, blocks: 0, braces: 0, parens: 0 };
}

export function isCommandComplete(state: ScanState, scan: LineScan): boolean {
  return state.quote === null && !scan.continues && state.blocks === 0 && state.braces <= 0 && state.parens <= 0;
}

function readHeredocDelimiter(line: string, from: number): { delimiter: string; end: number } | null {
  let i = from;
  if (line[i] === "-") i++;
  while (line[i] === " " || line[i] === "\t") i++;
  const quote = line[i] === "'" || line[i] === '"' ? line[i] : null;
  if (quote) {
    const close = line.indexOf(quote, i + 1);
    if (close < 0) return null;
    return { delimiter: line.slice(i + 1, close), end: close + 1 };
  }
  const match = /^\\?[A-Za-z0-9_.\-]+/.exec(line.slice(i));
  if (!match) return null;
  return { delimiter: match[0].replace(/^\\/, ""), end: i + match[0].length };
}

/** Scans one line, updating `state`; returns the heredocs the line opens and whether it continues. */
export function scanLine(line: string, state: ScanState): LineScan {
  const heredocs: Heredoc[] = [];
  let continues = false;
  let word = "";
  let commandPosition = state.quote === null;
  let lastOperator = "";

  const endWord = () => {
    if (word === "") return;
    if (word === "{") state.braces++;
    else if (word === "}") state.braces--;
    if (commandPosition) {
      if (OPENERS.has(word)) state.blocks++;
      else if (CLOSERS.has(word)) state.blocks = Math.max(0, state.blocks - 1);
    }
    commandPosition = KEEP_COMMAND_POSITION.has(word);
    lastOperator = "";
    word = "";
  };

  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (state.quote === "'") {
      if (c === "'") state.quote = null;
      continue;
    }
    if (state.quote !== null) {
      if (c === "\\") i++;
      else if (c === state.quote) state.quote = null;
      continue;
    }
    if (c === "\\") {
      if (i === line.length - 1) continues = true;
      word += c + (line[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === "`") {
      state.quote = c;
      word += c;
      continue;
    }
    if (c === "#" && word === "") break; // a comment runs to the end of the line
    if (c === "<" && line[i + 1] === "<" && line[i + 2] !== "<") {
      endWord();
      const heredoc = readHeredocDelimiter(line, i + 2);
      if (heredoc) {
        heredocs.push({ delimiter: heredoc.delimiter });
        i = heredoc.end - 1;
      } else {
        i++;
      }
      continue;
    }
    if (WORD_END.has(c)) {
      endWord();
      if (c === "(") state.parens++;
      else if (c === ")") state.parens = Math.max(0, state.parens - 1);
      if (c === ";" || c === "&" || c === "|" || c === "(" || c === ")") {
        commandPosition = true;
        lastOperator = c === "&" || c === "|" ? lastOperator + c : "";
      } else if (c === "<" || c === ">") {
        commandPosition = false;
        lastOperator = "";
      }
      continue;
    }
    word += c;
  }
  endWord();
  if (lastOperator === "|" || lastOperator === "||" || lastOperator === "&&") continues = true;
  return { heredocs, continues };
}
