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

const ARROW_SEQ = /\b\d{1,3}\s*%?(?:\s*(?:->|→|=>|⇒)\s*\d{1,3}\s*%?)+/g;
const PERCENT_LIST = /\b\d{1,3}\s*%(?:\s*(?:,\s*(?:and|then)?|and|then)\s*\d{1,3}\s*%)+/gi;
const LOOP = /\bfor\s+\w+\s+in\s+((?:\d{1,3}\s+)+\d{1,3})\b/g;
const TRAFFIC_SHARE = /\b(\d{1,3})\s*%\s*(?:of\s+)?(?:canary\s+)?(?:traffic|of users|of requests)\b/i;
const BAKE = /\b(?:monitor|verify|wait|bake|observe|watch|soak|hold)\w*\b[^.\n]{0,40}?\bfor\s+(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h)\b/i;
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

/** The lines of the section a line is in: from its nearest heading up to the next heading. */
function sectionOf(lines: Line[], index: number): Line[] {
  let start = index;
  while (start > 0 && lines[start].heading === 0) start--;
  let end = index + 1;
  while (end < lines.length && lines[end].heading === 0) end++;
  return lines.slice(start, end);
}

/** The nearest bake phrase to a line within its section. */
function nearestBake(section: Line[], lineNo: number): number | null {
  const candidates = section.flatMap((l) => {
    const bake = bakeOf(l.text);
    return bake === null ? [] : [{ bake, distance: Math.abs(l.n - lineNo) }];
  });
  candidates.sort((a, b) => a.distance - b.distance);
  return candidates[0]?.bake ?? null;
}

/**
 * A command in the section that sets exactly one weight, continuation lines joined, the weight templated. The
 * weight it sets must be one of the canary's partial weights: a command that sends everything to one side
 * ("weight":100 on a single route) says nothing about how a partial weight is set.
 */
export function weightCommandIn(section: { text: string; code: boolean }[], weights: number[]): string | null {
  const commands: string[] = [];
  let current = "";
  for (const l of section.filter((x) => x.code && !/^\s*(```|~~~)/.test(x.text))) {
    const text = l.text.trim();
    if (!current && (text === "" || text.startsWith("#"))) continue;
    current = current ? `${current} ${text}` : text;
    if (current.endsWith("\\")) current = current.slice(0, -1).trimEnd();
    else {
      commands.push(current);
      current = "";
    }
  }
  for (const command of commands) {
    const settings = [...command.matchAll(WEIGHT_SETTING)];
    if (settings.length === 1 && Number(settings[0][2]) < 100 && weights.includes(Number(settings[0][2]))) return command.replace(WEIGHT_SETTING, (_m, lead: string) => `${lead}{{weight}}`);
  }
  return null;
}

export function recogniseCanaries(source: string): TParsedCanary[] {
  const lines = scanLines(source);
  const out: TParsedCanary[] = [];

  // Written-out sequences.
  lines.forEach((l, i) => {
    for (const weights of weightSequences(l.text)) {
      const section = sectionOf(lines, i);
      const bake = nearestBake(section, l.n);
      out.push({ line: l.n, text: l.text.trim().replace(/^[#/*\-\s]+/, "").slice(0, 300), stages: weights.map((weight) => ({ weight, bakeSec: bake })), weightCommand: weightCommandIn(section, weights) });
    }
  });

  // Runs of headings, or of list items, that each name a traffic share, increasing.
  const runs = (pick: (l: Line) => boolean, sameRun: (prev: Line, next: Line, between: Line[]) => boolean) => {
    let run: { line: Line; index: number; weight: number }[] = [];
    const flush = () => {
      if (validWeights(run.map((r) => r.weight))) {
        const stages = run.map((r) => {
          const section = r.line.heading ? sectionOf(lines, r.index) : [r.line];
          return { weight: r.weight, bakeSec: section.map((s) => bakeOf(s.text)).find((b) => b !== null) ?? null };
        });
        const weights = run.map((r) => r.weight);
        const command = run.map((r) => weightCommandIn(sectionOf(lines, r.index), weights)).find((c) => c !== null) ?? null;
        out.push({ line: run[0].line.n, text: run.map((r) => r.line.text.replace(/^[#\-*\s]+/, "").trim()).join(" / ").slice(0, 300), stages, weightCommand: command });
      }
      run = [];
    };
    lines.forEach((l, index) => {
      if (!pick(l)) return;
      const weight = Number(TRAFFIC_SHARE.exec(l.text)?.[1]);
      const prev = run.at(-1);
      if (prev && (weight <= prev.weight || !sameRun(prev.line, l, lines.slice(prev.index + 1, index)))) flush();
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
    (_p, _n, between) => between.every((b) => b.text.trim() === ""),
  );
  return out.sort((a, b) => a.line - b.line);
}
