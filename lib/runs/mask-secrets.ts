// Hides an environment's secret values in run output before anything is stored, streamed or exported.
//
// What is masked, per secret: the plain value (as given and trimmed), its base64 encodings (standard and
// base64url, padded and not, also of the value plus a newline as `echo $TOKEN | base64` produces), the
// 76-column lines a wrapped `base64` prints, the base64 of the value inside a longer encoded text (HTTP Basic
// auth: base64("user:" + secret)), and each line of a multi-line secret (a PEM key printed line by line).
//
// Limits, on purpose:
// - Values (and lines of values) shorter than MIN_SECRET_LENGTH characters are not masked: a secret "1" or
//   "yes" would blank out every log. The environment settings should warn about such secrets.
// - The masker sees one text at a time (one output line): a value split across two lines, by the command
//   or by the executor's 16 KiB line cap, is masked only where a whole variant is on one line.
// - Other encodings (hex, URL-encoding, JSON escapes) are not recognised.

/** What a masked value is replaced with. ASCII, and self-explanatory in a plain-text audit export. */
export const MASK = "[masked]";
export const MIN_SECRET_LENGTH = 4;
/** A base64 fragment this short could occur by chance in ordinary text; shorter ones are left alone. */
const MIN_FRAGMENT_LENGTH = 8;
const WRAP = 76;

export type Masker = (text: string) => string;

/** Every string that reveals the secret, longest first. */
export function secretVariants(secret: string): string[] {
  const out = new Set<string>();
  const add = (s: string, min = MIN_SECRET_LENGTH) => {
    if (s.length >= min) out.add(s);
  };
  const trimmed = secret.trim();
  if (trimmed.length < MIN_SECRET_LENGTH) return [];
  add(secret);
  add(trimmed);
  for (const raw of new Set([secret, trimmed, `${trimmed}\n`])) {
    const bytes = Buffer.from(raw, "utf8");
    const b64 = bytes.toString("base64");
    for (const enc of [b64, b64.replace(/=+$/, "")]) {
      add(enc);
      add(toUrl(enc));
    }
    if (b64.length > WRAP) for (let i = 0; i < b64.length; i += WRAP) add(b64.slice(i, i + WRAP), MIN_FRAGMENT_LENGTH * 2);
    for (const core of embeddedBase64(bytes)) {
      add(core, MIN_FRAGMENT_LENGTH);
      add(toUrl(core), MIN_FRAGMENT_LENGTH);
    }
  }
  if (/[\r\n]/.test(trimmed)) for (const line of trimmed.split(/\r?\n/)) add(line.trim());
  return [...out].sort((a, b) => b.length - a.length);
}

/**
 * The characters of base64(prefix + secret + suffix) that depend on the secret's bytes alone, for each of
 * the three alignments the secret can have inside a longer encoded text.
 */
function embeddedBase64(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k), bytes]).toString("base64");
    const start = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + bytes.length)) / 6);
    if (end > start) cores.push(enc.slice(start, end));
  }
  return cores;
}

const toUrl = (b64: string) => b64.replaceAll("+", "-").replaceAll("/", "_");
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Builds the masker once per run. One combined RegExp answers "does this line hold any secret?" quickly
 * (almost no line does); only lines that do are searched per variant, so overlapping secrets are masked as
 * the union of what each covers instead of leaving the tail of the second one visible.
 */
export function createMasker(secrets: string[]): Masker {
  const variants = [...new Set(secrets.flatMap(secretVariants))].sort((a, b) => b.length - a.length);
  if (variants.length === 0) return (text) => text;
  const any = new RegExp(variants.map(escapeRegExp).join("|"));
  return (text) => {
    if (!any.test(text)) return text;
    const spans: [number, number][] = [];
    for (const v of variants) {
      for (let i = text.indexOf(v); i !== -1; i = text.indexOf(v, i + 1)) spans.push([i, i + v.length]);
    }
    spans.sort((a, b) => a[0] - b[0]);
    let out = "";
    let pos = 0;
    for (let i = 0; i < spans.length; ) {
      const start = spans[i][0];
      let end = spans[i][1];
      // Overlapping or touching spans become one mask: two masks side by side would tell nothing more.
      for (i++; i < spans.length && spans[i][0] <= end; i++) end = Math.max(end, spans[i][1]);
      out += text.slice(pos, start) + MASK;
      pos = end;
    }
    return out + text.slice(pos);
  };
}
