// Hides an environment's secret values in run output before anything is stored, streamed or exported. What counts
// as a form of a secret (plain, base64, hex, URL-encoded, JSON-escaped, each line) is listed in secret-variants.ts.
//
// The masker sees one line at a time, but a value can be spread over lines (`base64 -w 20`, `user:$SECRET`
// wrapped at 76, `fold`, a line cut by the executor's cap). So besides every whole variant it masks:
// - the end of a line that is the start of a variant, and the start of a line that is the end of one (at least
//   MIN_FRAGMENT_LENGTH characters, or half of a shorter variant: a shorter piece could be anyone's text);
// - a whole line without spaces (at least MIN_INNER_LINE characters) that lies entirely inside a variant: the
//   middle lines of a wrapped encoding.
// At most MIN_FRAGMENT_LENGTH - 1 characters (and less than half) of a variant can remain at a line's edge.
//
// Limits, on purpose:
// - Values (and lines of values) shorter than MIN_SECRET_LENGTH characters are not masked: a secret "1" or
//   "yes" would blank out every log. The environment settings should warn about such secrets.
// - Wraps narrower than MIN_INNER_LINE columns are not recognised.
// - The executor must mask a line before it cuts it (command-step.ts does, with `longest` characters of overlap).
import { MIN_FRAGMENT_LENGTH, MIN_SECRET_LENGTH, secretVariants } from "@/lib/secrets/secret-variants";

export { MIN_SECRET_LENGTH, secretVariants };

/** What a masked value is replaced with. ASCII, and self-explanatory in a plain-text audit export. */
export const MASK = "[masked]";
/** A whole line this long that is part of a secret's variant is masked (the middle lines of a wrapped encoding). */
export const MIN_INNER_LINE = 6;

export type Masker = ((text: string) => string) & {
  /** The longest variant: a text cut into pieces must keep this many characters together to be masked whole. */
  longest: number;
  /**
   * Where to cut `text` near `at` without cutting a secret in two: `at`, or the start of the variant that spans it
   * (its end when it starts the text). A reader that cuts long lines asks this, then masks the pieces as usual.
   */
  safeCut: (text: string, at: number) => number;
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const F = MIN_FRAGMENT_LENGTH;

/**
 * Builds the masker once per run. One combined RegExp of every variant's first and last few characters answers
 * "could this line hold a secret?" quickly (almost no line does); only lines that could are searched per variant,
 * and overlapping matches are masked as their union instead of leaving the tail of the second one visible.
 */
export function createMasker(secrets: string[]): Masker {
  const variants = [...new Set(secrets.flatMap(secretVariants))].sort((a, b) => b.length - a.length);
  if (variants.length === 0) return Object.assign((text: string) => text, { longest: 0, safeCut: (_: string, at: number) => at });
  const marks = new Set(variants.flatMap((v) => [v.slice(0, edgeMin(v)), v.slice(-edgeMin(v))]));
  const maybe = new RegExp([...marks].map(escapeRegExp).join("|"));
  const inner = new Set(variants.flatMap((v) => Array.from({ length: Math.max(0, v.length - MIN_INNER_LINE + 1) }, (_, i) => v.slice(i, i + MIN_INNER_LINE))));
  const longest = variants[0].length;

  const mask = (text: string): string => {
    const body = text.trim();
    const inside =
      body.length >= MIN_INNER_LINE &&
      body.length < longest &&
      inner.has(body.slice(0, MIN_INNER_LINE)) &&
      !/\s/.test(body) &&
      variants.some((v) => v.includes(body));
    if (!inside && !maybe.test(text)) return text;
    const spans = findSpans(text, variants);
    if (inside) spans.push([text.indexOf(body), text.indexOf(body) + body.length]);
    return replaceSpans(text, spans);
  };
  const safeCut = (text: string, at: number): number => {
    const from = Math.max(0, at - longest);
    const near = text.slice(from, at + longest);
    const spans = variants.flatMap((v) => wholeSpans(near, v)).map(([s, e]): [number, number] => [s + from, e + from]);
    // Overlapping variants can move the cut again; a few rounds settle any real output.
    for (let moved = true, round = 0; moved && round < 20; round++) {
      moved = false;
      for (const [s, e] of spans) {
        if (s < at && at < e) {
          at = s > 0 ? s : e;
          moved = true;
        }
      }
    }
    return at;
  };
  return Object.assign(mask, { longest, safeCut });
}

function wholeSpans(text: string, v: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = text.indexOf(v); i !== -1; i = text.indexOf(v, i + 1)) spans.push([i, i + v.length]);
  return spans;
}

/**
 * The shortest piece of `v` recognised at a line's edge: MIN_FRAGMENT_LENGTH, or half of a shorter variant, so that
 * of a variant wrapped onto two lines at least the longer half is masked and the whole is never readable.
 */
const edgeMin = (v: string) => Math.min(v.length, Math.max(MIN_SECRET_LENGTH, Math.min(F, Math.ceil(v.length / 2))));

/** Where `text` shows a variant whole, or starts / ends with a piece of one. */
function findSpans(text: string, variants: string[]): [number, number][] {
  const spans: [number, number][] = [];
  const end = text.trimEnd().length;
  const start = text.length - text.trimStart().length;
  for (const v of variants) {
    spans.push(...wholeSpans(text, v));
    const m = edgeMin(v);
    // The line ends with v's beginning: v.startsWith(text.slice(p, end)) for the earliest such p.
    const head = v.slice(0, m);
    for (let p = text.indexOf(head, Math.max(start, end - v.length + 1)); p !== -1 && p <= end - m; p = text.indexOf(head, p + 1)) {
      if (v.startsWith(text.slice(p, end))) {
        spans.push([p, end]);
        break;
      }
    }
    // The line starts with v's end: v.endsWith(text.slice(start, q + F)) for the latest such q.
    const tail = v.slice(-m);
    for (let q = text.lastIndexOf(tail, Math.min(end - m, start + v.length - 1 - m)); q >= start; q = q === 0 ? -1 : text.lastIndexOf(tail, q - 1)) {
      if (v.endsWith(text.slice(start, q + m))) {
        spans.push([start, q + m]);
        break;
      }
    }
  }
  return spans;
}

function replaceSpans(text: string, spans: [number, number][]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let pos = 0;
  for (let i = 0; i < spans.length;) {
    const start = spans[i][0];
    let end = spans[i][1];
    // Overlapping or touching spans become one mask: two masks side by side would tell nothing more.
    for (i++; i < spans.length && spans[i][0] <= end; i++) end = Math.max(end, spans[i][1]);
    out += text.slice(pos, start) + MASK;
    pos = end;
  }
  return out + text.slice(pos);
}

/** Masks every string inside a JSON value (an http step's result) before it is escaped, cut or stored. */
export function maskDeep<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === "string") return mask(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskDeep(v, mask)) as T;
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [mask(k), maskDeep(v, mask)])) as T;
  return value;
}
