// Which entries of an old list and a new list are the same entry (an item of a runbook before and after an edit):
// matched by position and text similarity. The alignment keeps the order of both lists (like a diff) and, among
// such alignments, pairs the most similar texts; two texts pair only when similar enough. Long lists (past
// MAX_CELLS pairs to weigh) pair equal texts only, in order.

const words = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** How alike two texts are, 0..1: shared words over all words (Dice), case and punctuation ignored. */
export function similarity(a: string, b: string): number {
  return a === b ? 1 : wordSimilarity(words(a), words(b));
}

function wordSimilarity(left: string[], right: string[]): number {
  if (left.length === 0 || right.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const w of left) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of right) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(w, n - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** A pair of the alignment: indexes into the old and the new list; null on one side for removed or added. */
export type Pair = { old: number | null; next: number | null };

export const MIN_SIMILARITY = 0.5;
const MAX_CELLS = 250_000;

export function matchLists(oldTexts: string[], newTexts: string[]): Pair[] {
  const n = oldTexts.length;
  const m = newTexts.length;
  if (n * m > MAX_CELLS) return matchEqual(oldTexts, newTexts);
  // best[i][j]: the most similarity the alignment of old[i..] and new[j..] can gather
  const best = Array.from({ length: n + 1 }, () => new Float64Array(m + 1));
  const oldWords = oldTexts.map(words);
  const newWords = newTexts.map(words);
  const sim = (i: number, j: number) => {
    const s = oldTexts[i] === newTexts[j] ? 1 : wordSimilarity(oldWords[i], newWords[j]);
    return s >= MIN_SIMILARITY ? s : -1;
  };
  const sims = Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => sim(i, j)));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const pair = sims[i][j] >= 0 ? sims[i][j] + best[i + 1][j + 1] : -1;
      best[i][j] = Math.max(pair, best[i + 1][j], best[i][j + 1]);
    }
  }
  const pairs: Pair[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (sims[i][j] >= 0 && best[i][j] === sims[i][j] + best[i + 1][j + 1]) pairs.push({ old: i++, next: j++ });
    else if (best[i][j] === best[i + 1][j]) pairs.push({ old: i++, next: null });
    else pairs.push({ old: null, next: j++ });
  }
  while (i < n) pairs.push({ old: i++, next: null });
  while (j < m) pairs.push({ old: null, next: j++ });
  return pairs;
}

/** Equal texts paired in order (each old text with the next unused equal new one), for lists too long to weigh. */
function matchEqual(oldTexts: string[], newTexts: string[]): Pair[] {
  const waiting = new Map<string, number[]>();
  oldTexts.forEach((t, i) => waiting.set(t, [...(waiting.get(t) ?? []), i]));
  const used = new Set<number>();
  const pairs: Pair[] = [];
  for (const [j, t] of newTexts.entries()) {
    const i = waiting.get(t)?.shift();
    if (i === undefined) pairs.push({ old: null, next: j });
    else {
      used.add(i);
      pairs.push({ old: i, next: j });
    }
  }
  for (let i = 0; i < oldTexts.length; i++) if (!used.has(i)) pairs.push({ old: i, next: null });
  return pairs;
}
