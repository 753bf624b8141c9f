// Where the parser has got to, for whoever runs it under a time budget (lib/templates/parse-in-thread.ts):
// the thread it runs in publishes the line, and a budget that runs out says "stopped at line N". No sink, no cost
// beyond a call: the parser stays a pure function everywhere else.

let sink: ((line: number) => void) | null = null;
let offset = 0;

/** Publish each line the parser reaches to `report` (null: stop publishing). */
export function reportProgressTo(report: ((line: number) => void) | null): void {
  sink = report;
}

/** The parser reached this line (1-based, of the text being parsed; see withLineOffset). */
export function reachedLine(line: number): void {
  if (sink !== null) sink(line + offset);
}

/** Runs `parse` on a piece of the document that starts after line `lineOffset` (HTML blocks read again). */
export function withLineOffset<T>(lineOffset: number, parse: () => T): T {
  const outer = offset;
  offset = lineOffset;
  try {
    return parse();
  } finally {
    offset = outer;
  }
}
