import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createMasker, MASK } from "@/lib/secrets/mask-secrets";
import { createLineSplitter } from "@/workers/steps/command-step";

// Property: a secret planted in random output, in any of the forms a command can print it, is found nowhere in
// what the worker stores (each line masked), streams (the lines as JSON) or exports (the lines joined: a wrapped
// encoding read back across its lines). Output goes through the executor's line splitter with a small line cap,
// in random chunks, exactly as a command's stdout does.

const alphabet = [..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", ..."+/=-_.:;@!?%&$#'\"\\ ~", "é", "ß", "€", "✓"];
const secretArb = fc.string({ unit: fc.constantFrom(...alphabet), minLength: 8, maxLength: 48 }).filter((s) => s.trim() === s && !s.includes(MASK));
const noiseArb = fc.string({ unit: fc.constantFrom(..."abcdefghij klmnop QRSTUV 0123 .,:;-=()[]{}".split("")), maxLength: 40 });

type Planted = { lines: string[]; evidence: string[] };

const b64core = (bytes: Buffer, prefix: number, url: boolean) => {
  const enc = Buffer.concat([Buffer.alloc(prefix, 0x61), bytes]).toString(url ? "base64url" : "base64");
  return enc.slice(Math.ceil((8 * prefix) / 6), Math.floor((8 * (prefix + bytes.length)) / 6));
};
const wrap = (text: string, width: number | null) => (width ? (text.match(new RegExp(`[^]{1,${width}}`, "g")) ?? []) : [text]);

/** One way of printing the secret, with what must not be readable afterwards. */
const formArb = (secret: string): fc.Arbitrary<Planted> =>
  fc.oneof(
    fc.tuple(noiseArb, noiseArb).map(([a, b]) => ({ lines: [`${a}${secret}${b}`], evidence: [secret] })),
    noiseArb.map((a) => ({ lines: [`${a}{"token":${JSON.stringify(secret)},"ok":true}`], evidence: [JSON.stringify(secret).slice(1, -1)] })),
    fc
      .constantFrom(
        encodeURIComponent(secret),
        encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      )
      .map((enc) => ({ lines: [`GET /callback?code=${enc}&state=1`], evidence: [enc] })),
    fc.tuple(fc.boolean(), fc.option(fc.integer({ min: 6, max: 80 }), { nil: null })).map(([upper, width]) => {
      const hex = Buffer.from(secret).toString("hex");
      const shown = upper ? hex.toUpperCase() : hex;
      return { lines: wrap(shown, width), evidence: [shown] };
    }),
    // base64: standard or URL-safe, padded or not, after 0-5 bytes of prefix (`user:$SECRET`), with `echo`'s
    // newline or without, wrapped at any width from 6 columns (`base64 -w 20`, the default 76) or not at all.
    fc
      .record({
        url: fc.boolean(),
        pad: fc.boolean(),
        prefix: fc.integer({ min: 0, max: 5 }),
        newline: fc.boolean(),
        width: fc.option(fc.integer({ min: 6, max: 120 }), { nil: null }),
      })
      .map(({ url, pad, prefix, newline, width }) => {
        const bytes = Buffer.from(newline ? `${secret}\n` : secret);
        let enc = Buffer.concat([Buffer.from("user:".repeat(2).slice(0, prefix)), bytes]).toString(url ? "base64url" : "base64");
        if (!pad) enc = enc.replace(/=+$/, "");
        else if (url) enc = enc.padEnd(Math.ceil(enc.length / 4) * 4, "=");
        return { lines: wrap(enc, width), evidence: [b64core(Buffer.from(secret), prefix, url)] };
      }),
  );

/** A multi-line secret (a PEM key) printed line by line: each of its lines must be masked. */
const multiLineArb = fc.array(secretArb, { minLength: 2, maxLength: 4 }).map((parts) => ({ secret: parts.join("\n"), lines: parts, evidence: parts }));

function storeThroughWorker(secrets: string[], output: string[], lineCap: number, chunk: number) {
  const mask = createMasker(secrets);
  const stored: string[] = [];
  const split = createLineSplitter((line) => stored.push(mask(line)), lineCap, mask);
  const bytes = Buffer.from(output.join("\n") + "\n");
  for (let i = 0; i < bytes.length; i += chunk) split.write(bytes.subarray(i, i + chunk));
  split.end();
  return stored;
}

function readable(stored: string[], evidence: string) {
  const streamed = JSON.stringify(stored);
  return stored.some((l) => l.includes(evidence)) || stored.join("").includes(evidence) || streamed.includes(JSON.stringify(evidence).slice(1, -1));
}

describe("masking run output (property)", () => {
  it("no planted secret is readable in any form, wrapped or split by the line cap", () => {
    const caseArb = secretArb.chain((secret) =>
      fc.record({
        secret: fc.constant(secret),
        planted: formArb(secret),
        before: fc.array(noiseArb, { maxLength: 3 }),
        after: fc.array(noiseArb, { maxLength: 3 }),
        // Small caps so a secret regularly straddles a cut; the worker's is 16 KiB.
        lineCap: fc.integer({ min: 16, max: 200 }),
        chunk: fc.integer({ min: 1, max: 300 }),
        joinCut: fc.boolean(),
      }),
    );
    fc.assert(
      fc.property(caseArb, ({ secret, planted, before, after, lineCap, chunk, joinCut }) => {
        // joinCut: the whole form on one runaway line (no newline), so only the line cap splits it.
        const output = [...before, ...(joinCut ? [planted.lines.join("")] : planted.lines), ...after];
        const stored = storeThroughWorker([secret], output, lineCap, chunk);
        for (const e of planted.evidence) expect(readable(stored, e), `${JSON.stringify(e)} readable in ${JSON.stringify(stored)}`).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("each line of a multi-line secret is masked", () => {
    fc.assert(
      fc.property(multiLineArb, noiseArb, ({ secret, lines, evidence }, noise) => {
        const stored = storeThroughWorker([secret], [noise, ...lines, noise], 16 * 1024, 4096);
        for (const e of evidence) expect(readable(stored, e)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("leaves output without secrets as it was", () => {
    fc.assert(
      fc.property(secretArb, fc.array(noiseArb, { maxLength: 20 }), (secret, noise) => {
        const output = noise.filter((l) => l.trim() === l);
        expect(storeThroughWorker([secret], [...output, "end"], 16 * 1024, 512)).toEqual([...output, "end"]);
      }),
      { numRuns: 200 },
    );
  });

  it("masks 1 MB of output with five secrets quickly", () => {
    const secrets = ["sk_live_51Hx9fK2xLq7Zz0pQ", "correct-horse-battery-staple", "p@ss:w0rd/with+chars", "ghp_4Yq0ZtN1cR8vB2mX7kL9", "AKIAIOSFODNN7EXAMPLE"];
    const mask = createMasker(secrets);
    const lines = Array.from({ length: 16_000 }, (_, i) =>
      i % 500 === 0
        ? `token=${secrets[i % 5]} b64=${Buffer.from(secrets[(i + 1) % 5]).toString("base64")}`
        : `step ${i}: deploying pod web-${i} to node-${i % 7} (ready 3/3) ${"=".repeat(i % 20)}`,
    );
    const bytes = lines.join("\n").length;
    const t0 = performance.now();
    const out = lines.map(mask);
    const ms = performance.now() - t0;
    console.log(`masked ${(bytes / 1e6).toFixed(2)} MB (${lines.length} lines, 5 secrets) in ${ms.toFixed(0)} ms`);
    expect(out.filter((l) => l.includes(MASK))).toHaveLength(32);
    expect(ms).toBeLessThan(2_000);
  });
});
