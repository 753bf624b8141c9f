// Repairs text that was UTF-8 but got decoded as Windows-1252 / Latin-1 ("âœ…" for "✅").
// Each suspicious run of characters is turned back into the bytes cp1252 would have written, and a
// byte sequence is replaced only when it is valid UTF-8; everything else is left exactly as it was,
// so correct text ("café", "naïve", "✅", "日本") never changes.

/** cp1252 bytes 0x80-0x9F that are not the Latin-1 code point of the same value. */
const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80,
  0x201a: 0x82,
  0x0192: 0x83,
  0x201e: 0x84,
  0x2026: 0x85,
  0x2020: 0x86,
  0x2021: 0x87,
  0x02c6: 0x88,
  0x2030: 0x89,
  0x0160: 0x8a,
  0x2039: 0x8b,
  0x0152: 0x8c,
  0x017d: 0x8e,
  0x2018: 0x91,
  0x2019: 0x92,
  0x201c: 0x93,
  0x201d: 0x94,
  0x2022: 0x95,
  0x2013: 0x96,
  0x2014: 0x97,
  0x02dc: 0x98,
  0x2122: 0x99,
  0x0161: 0x9a,
  0x203a: 0x9b,
  0x0153: 0x9c,
  0x017e: 0x9e,
  0x0178: 0x9f,
};

/** The byte cp1252 (or Latin-1, for the bytes cp1252 leaves undefined) encodes this char as, or -1. */
export function cp1252Byte(codeUnit: number): number {
  if (codeUnit < 0x80) return codeUnit;
  if (codeUnit <= 0xff) return codeUnit; // Latin-1 range, incl. the C1 controls of undefined cp1252 bytes
  return CP1252_HIGH[codeUnit] ?? -1;
}

// Two-byte sequences are accepted only for leads that real mojibake produces all the time
// (U+0080-U+00FF, Latin Extended, Greek, Cyrillic); a pair such as "ß“" is ordinary German.
const TWO_BYTE_LEADS = new Set([0xc2, 0xc3, 0xc5, 0xc6, 0xcb, 0xce, 0xcf, 0xd0, 0xd1]);

function isContinuation(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}

/** Decodes one UTF-8 sequence starting at bytes[0]; returns [codePoint, length] or null. */
function decodeSequence(bytes: number[]): [number, number] | null {
  const b0 = bytes[0];
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    if (!TWO_BYTE_LEADS.has(b0) || bytes.length < 2 || !isContinuation(bytes[1])) return null;
    return [((b0 & 0x1f) << 6) | (bytes[1] & 0x3f), 2];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (bytes.length < 3 || !isContinuation(bytes[1]) || !isContinuation(bytes[2])) return null;
    if (b0 === 0xe0 && bytes[1] < 0xa0) return null; // overlong
    if (b0 === 0xed && bytes[1] > 0x9f) return null; // surrogates
    return [((b0 & 0x0f) << 12) | ((bytes[1] & 0x3f) << 6) | (bytes[2] & 0x3f), 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (bytes.length < 4 || !isContinuation(bytes[1]) || !isContinuation(bytes[2]) || !isContinuation(bytes[3])) {
      return null;
    }
    if (b0 === 0xf0 && bytes[1] < 0x90) return null; // overlong
    if (b0 === 0xf4 && bytes[1] > 0x8f) return null; // beyond U+10FFFF
    const cp = ((b0 & 0x07) << 18) | ((bytes[1] & 0x3f) << 12) | ((bytes[2] & 0x3f) << 6) | (bytes[3] & 0x3f);
    return [cp, 4];
  }
  return null;
}

/** Lead bytes of multi-byte UTF-8 (0xC2-0xF4) read as cp1252 are exactly these characters. */
const LEAD_CHARS = /[\u00c2-\u00f4]/g;

export function repairMojibake(text: string): string {
  let out = "";
  let copied = 0;
  const leads = new RegExp(LEAD_CHARS);
  for (let match = leads.exec(text); match; match = leads.exec(text)) {
    const i = match.index;
    const bytes: number[] = [cp1252Byte(text.charCodeAt(i))];
    for (let k = 1; k < 4 && i + k < text.length; k++) {
      const b = cp1252Byte(text.charCodeAt(i + k));
      if (!isContinuation(b)) break;
      bytes.push(b);
    }
    const decoded = decodeSequence(bytes);
    if (!decoded) continue;
    out += text.slice(copied, i) + String.fromCodePoint(decoded[0]);
    copied = i + decoded[1];
    leads.lastIndex = copied;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
