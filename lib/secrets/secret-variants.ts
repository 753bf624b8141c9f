// Every way a secret's value can show up in run output, so the masker (mask-secrets.ts) can hide each of them:
//
// - the plain value, as given and trimmed, and each line of a multi-line value (a PEM key printed line by line);
// - JSON-escaped (`"` `\` and control characters escaped, optionally `\/` and `\uXXXX` for non-ASCII, as PHP and
//   Python's json.dumps write it), so an http result or a log line of JSON never shows it;
// - URL-encoded (upper- and lower-case `%XX`, and form encoding with `+` for spaces);
// - hex, lower and upper case (`xxd -p`, `od`, `hexdump`-style dumps without separators);
// - base64, standard and URL-safe, padded or not, of the value and of the value plus a newline (`echo $T | base64`),
//   and the characters of base64(prefix + value + suffix) that depend on the value alone, for each of the three
//   alignments it can have inside a longer encoded text (HTTP Basic auth: base64("user:" + secret)).
//
// Wrapped forms (`base64 -w 20`, `user:$SECRET` wrapped at 76, a value cut by the executor's line cap) are not
// variants of their own: the masker recognises pieces of a variant at the edges of a line and lines that lie
// entirely inside one.

export const MIN_SECRET_LENGTH = 4;
/** A base64 fragment this short could occur by chance in ordinary text; shorter ones are left alone. */
export const MIN_FRAGMENT_LENGTH = 8;

/** Every string that reveals the secret, longest first. */
export function secretVariants(secret: string): string[] {
  const out = new Set<string>();
  const add = (s: string, min = MIN_SECRET_LENGTH) => {
    if (s.length >= min) out.add(s);
  };
  const trimmed = secret.trim();
  if (trimmed.length < MIN_SECRET_LENGTH) return [];
  const texts = new Set([secret, trimmed]);
  if (/[\r\n]/.test(trimmed)) for (const line of trimmed.split(/\r?\n/)) if (line.trim().length >= MIN_SECRET_LENGTH) texts.add(line.trim());
  for (const text of texts) {
    add(text);
    for (const escaped of jsonEscaped(text)) add(escaped);
    for (const encoded of urlEncoded(text)) add(encoded);
    const hex = Buffer.from(text, "utf8").toString("hex");
    add(hex);
    add(hex.toUpperCase());
  }
  for (const raw of new Set([secret, trimmed, `${trimmed}\n`])) {
    const bytes = Buffer.from(raw, "utf8");
    const b64 = bytes.toString("base64");
    for (const enc of [b64, b64.replace(/=+$/, "")]) {
      add(enc);
      add(toUrl(enc));
    }
    for (const core of embeddedBase64(bytes)) {
      add(core, MIN_FRAGMENT_LENGTH);
      add(toUrl(core), MIN_FRAGMENT_LENGTH);
    }
  }
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

function jsonEscaped(text: string): string[] {
  const plain = JSON.stringify(text).slice(1, -1);
  const ascii = plain.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  return [
    plain,
    plain.replaceAll("/", "\\/"),
    ascii,
    ascii.toUpperCase() === ascii ? ascii : ascii.replace(/\\u([0-9a-f]{4})/g, (_, h: string) => `\\u${h.toUpperCase()}`),
  ];
}

function urlEncoded(text: string): string[] {
  let upper: string;
  try {
    upper = encodeURIComponent(text);
  } catch {
    return []; // a lone surrogate has no URL encoding
  }
  const lower = upper.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  return [upper, lower, upper.replaceAll("%20", "+"), lower.replaceAll("%20", "+")];
}

const toUrl = (b64: string) => b64.replaceAll("+", "-").replaceAll("/", "_");
