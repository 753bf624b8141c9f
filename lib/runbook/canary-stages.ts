import { reachedLine } from "@/lib/runbook/progress";
import type { TParsedCanary } from "@/lib/schemas/runbook";

// Canary rollouts a runbook describes, found in its text (prose, comments inside code blocks, headings):
// - a weight sequence written out: "10% -> 25% -> 50% -> 100%", "5%, 25%, 50%", or a shell loop
//   `for weight in 25 50 75 100`;
// - a run of headings that each name a traffic share ("Deploy Canary (5% traffic)", "Increase to 25% traffic");
// - a run of list items that each name a share of users or traffic ("Day 3: 10% of users").
// The bake comes from the nearest "monitor / verify / wait ... for N minutes" in the same section (per stage
// for headings), the weight command from a command in that section that sets exactly one weight
// (`"weight":25`, `--weight=25`, `weight=25`), with the number replaced by {{weight}}. Nothing is executed.

type Line = { n: number; text: string; code: boolean; heading: number };

// No two `\s*` may meet without something required between them: a digit followed by a long run of spaces would
// make the engine try every split of the run between them (quadratic; 160 KB of spaces held the import for seconds).
const ARROW_SEQ = /\b\d{1,3}(?:\s*%)?(?:\s*(?:->|→|=>|⇒)\s*\d{1,3}(?:\s*%)?)+/g;
const PERCENT_LIST = /\b\d{1,3}\s*%(?:\s*(?:,\s*(?:(?:and|then)\s*)?|(?:and|then)\s*)\d{1,3}\s*%)+/gi;
const LOOP = /\bfor\s+\w+\s+in\s+((?:\d{1,3}\s+)+\d{1,3})\b/g;
const TRAFFIC_SHARE = /\b(\d{1,3})\s*%\s*(?:of\s+)?(?:canary\s+)?(?:traffic|of users|of requests)\b/i;
const BAKE =
  /\b(?:monitor|verify|wait|bake|observe|watch|soak|hold)\w*\b[^.\n]{0,40}?\bfor\s+(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b/i;
const BETWEEN = /\bwait\s+(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\s+between\b/i;
const DIGIT = /\d/;
const WEIGHT_SETTING = /("weight"\s*:\s*|--weight[= ]|\bweight=)(\d{1,3})\b/g;

export const MAX_BAKE_SEC = 7 * 24 * 3600;

function seconds(value: string, unit: string): number {
  const u = unit.toLowerCase();
  const factor = u.startsWith("h") ? 3600 : u.startsWith("m") ? 60 : 1;
  return Math.round(Number(value) * factor);
}

export function bakeOf(text: string): number | null {
  const m = BETWEEN.exec(text) ?? BAKE.exec(text);
  if (!m) return null;
  const s = seconds(m[1], m[2]);
  return s > 0 && s <= MAX_BAKE_SEC ? s : null;
}

/** Weights that make a canary: at least two, each 1..100, strictly increasing. */
export function validWeights(weights: number[]): number[] | null {
  if (weights.length < 2) return null;
  const ok = weights.every((w, i) => Number.isInteger(w) && w >= 1 && w <= 100 && (i === 0 || w > weights[i - 1]));
  return ok ? weights : null;
}

/** The weight sequences written on one line. */
export function weightSequences(text: string): number[][] {
  const found: number[][] = [];
  if (!DIGIT.test(text)) return found;
  for (const re of [ARROW_SEQ, PERCENT_LIST, LOOP]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const numbers = (re === LOOP ? m[1] : m[0]).match(/\d{1,3}/g)!.map(Number);
      const weights = validWeights(numbers);
      // "10 -> 25" without a % and outside a loop could be anything (versions, counts): it needs a % or a word
      // about traffic, weight, canary or rollout on the line.
      const percentish = re !== ARROW_SEQ || m[0].includes("%") || /traffic|weight|canary|rollout|roll out|increase/i.test(text);
      if (weights && percentish && !found.some((f) => f.join() === weights.join())) found.push(weights);
    }
  }
  return found;
}

const FENCE_LINE = /^\s*(```|~~~)/;
const HEADING_LINE = /^(#{1,6})\s/;

function scanLines(source: string): Line[] {
  let code = false;
  return source.split("\n").map((text, i) => {
    // The cheap tests first: this runs on every line of a document of up to 1 MB.
    const fence = (text.includes("```") || text.includes("~~~")) && FENCE_LINE.test(text);
    if (fence) code = !code;
    const heading = !code && !fence && text.startsWith("#") ? (HEADING_LINE.exec(text)?.[1].length ?? 0) : 0;
    return { n: i + 1, text, code: code || fence, heading };
  });
}

/**
 * What recognition needs of each section (a heading up to the next heading), computed once per section: looking it
 * up again for every line that names a sequence was quadratic in a long section full of them.
 */
type Section = {
  lines: Line[];
  /** Line numbers with a bake phrase, ascending, and their bakes. */
  bakeLines: number[];
  bakes: number[];
  /** Each weight below 100 that a command of the section sets on its own, with the first such command (templated). */
  commands: Map<number, string>;
};

/** Each line's section, shared by the lines of one section. */
function sectionsOf(lines: Line[]): Section[] {
  const byLine: Section[] = new Array<Section>(lines.length);
  for (let start = 0; start < lines.length;) {
    let end = start + 1;
    while (end < lines.length && lines[end].heading === 0) end++;
    const section = lines.slice(start, end);
    const bakeLines: number[] = [];
    const bakes: number[] = [];
    for (const l of section) {
      const bake = bakeOf(l.text);
      if (bake !== null) {
        bakeLines.push(l.n);
        bakes.push(bake);
      }
    }
    const shared: Section = { lines: section, bakeLines, bakes, commands: weightCommands(section) };
    for (let i = start; i < end; i++) byLine[i] = shared;
    start = end;
  }
  return byLine;
}

/** The nearest bake phrase to a line within its section (the earlier one on a tie). */
function nearestBake(section: Section, lineNo: number): number | null {
  const { bakeLines, bakes } = section;
  if (bakeLines.length === 0) return null;
  let lo = 0;
  let hi = bakeLines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bakeLines[mid] < lineNo) lo = mid + 1;
    else hi = mid;
  }
  const after = lo < bakeLines.length ? lo : -1;
  const before = lo - 1;
  if (before < 0) return bakes[after];
  if (after < 0) return bakes[before];
  return lineNo - bakeLines[before] <= bakeLines[after] - lineNo ? bakes[before] : bakes[after];
}

/** The section's commands (continuation lines joined) that set exactly one weight below 100, first one per weight. */
function weightCommands(section: { text: string; code: boolean }[]): Map<number, string> {
  const commands = new Map<number, string>();
  const add = (command: string) => {
    if (!command.includes("weight")) return;
    const settings = [...command.matchAll(WEIGHT_SETTING)];
    const weight = settings.length === 1 ? Number(settings[0][2]) : 100;
    if (weight < 100 && !commands.has(weight))
      commands.set(
        weight,
        command.replace(WEIGHT_SETTING, (_m, lead: string) => `${lead}{{weight}}`),
      );
  };
  // Continuation lines are collected and joined once: appending each to one string and asking that string whether it
  // ends with a backslash flattened it every time (quadratic). The command so far is parts.join(" ").
  let parts: string[] = [];
  for (const l of section) {
    if (!l.code || ((l.text.includes("```") || l.text.includes("~~~")) && /^\s*(```|~~~)/.test(l.text))) continue;
    const text = l.text.trim();
    if (parts.length === 0 && (text === "" || text.startsWith("#"))) continue;
    if (!text.endsWith("\\")) {
      parts.push(text);
      add(parts.join(" "));
      parts = [];
      continue;
    }
    // The backslash goes, and the blanks before it: across the joins when the line was nothing but a backslash.
    parts.push(text.slice(0, -1));
    while (parts.length > 0) {
      const last = parts[parts.length - 1].trimEnd();
      if (last !== "") {
        parts[parts.length - 1] = last;
        break;
      }
      parts.pop();
    }
  }
  return commands;
}

/**
 * A command in the section that sets exactly one weight, continuation lines joined, the weight templated. The
 * weight it sets must be one of the canary's partial weights: a command that sends everything to one side
 * ("weight":100 on a single route) says nothing about how a partial weight is set.
 */
export function weightCommandIn(section: { text: string; code: boolean }[], weights: number[]): string | null {
  return commandFor(weightCommands(section), weights);
}

function commandFor(commands: Map<number, string>, weights: number[]): string | null {
  // Map order is the order the commands were written in: the first command that sets one of the weights wins.
  for (const [weight, command] of commands) if (weights.includes(weight)) return command;
  return null;
}

export function recogniseCanaries(source: string): TParsedCanary[] {
  const lines = scanLines(source);
  const sections = sectionsOf(lines);
  const out: TParsedCanary[] = [];

  // Written-out sequences.
  lines.forEach((l, i) => {
    reachedLine(l.n);
    for (const weights of weightSequences(l.text)) {
      const section = sections[i];
      const bake = nearestBake(section, l.n);
      out.push({
        line: l.n,
        text: l.text
          .trim()
          .replace(/^[#/*\-\s]+/, "")
          .slice(0, 300),
        stages: weights.map((weight) => ({ weight, bakeSec: bake })),
        weightCommand: commandFor(section.commands, weights),
      });
    }
  });

  // Runs of headings, or of list items, that each name a traffic share, increasing.
  const runs = (pick: (l: Line) => boolean, sameRun: (prev: Line, next: Line, from: number, to: number) => boolean) => {
    let run: { line: Line; index: number; weight: number }[] = [];
    const flush = () => {
      if (validWeights(run.map((r) => r.weight))) {
        const stages = run.map((r) => {
          const bakeSec = r.line.heading ? (sections[r.index].bakes[0] ?? null) : bakeOf(r.line.text);
          return { weight: r.weight, bakeSec };
        });
        const weights = run.map((r) => r.weight);
        const command = run.map((r) => commandFor(sections[r.index].commands, weights)).find((c) => c !== null) ?? null;
        out.push({
          line: run[0].line.n,
          text: run
            .map((r) => r.line.text.replace(/^[#\-*\s]+/, "").trim())
            .join(" / ")
            .slice(0, 300),
          stages,
          weightCommand: command,
        });
      }
      run = [];
    };
    lines.forEach((l, index) => {
      if (!pick(l)) return;
      const weight = Number(TRAFFIC_SHARE.exec(l.text)?.[1]);
      const prev = run.at(-1);
      if (prev && (weight <= prev.weight || !sameRun(prev.line, l, prev.index + 1, index))) flush();
      run.push({ line: l, index, weight });
    });
    flush();
  };
  runs(
    (l) => l.heading > 0 && l.text.includes("%") && TRAFFIC_SHARE.test(l.text),
    () => true,
  );
  runs(
    (l) => !l.code && l.heading === 0 && l.text.includes("%") && /^\s*([-*+]|\d+\.)\s/.test(l.text) && TRAFFIC_SHARE.test(l.text),
    (_p, _n, from, to) => {
      for (let i = from; i < to; i++) if (lines[i].text.trim() !== "") return false;
      return true;
    },
  );
  return out.sort((a, b) => a.line - b.line);
}
