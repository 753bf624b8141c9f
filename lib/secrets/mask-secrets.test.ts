import { describe, expect, it } from "vitest";
import { createMasker, MASK, maskDeep, secretVariants } from "@/lib/secrets/mask-secrets";

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");

describe("createMasker", () => {
  const token = "ghp_9fK2x+Lq/7Zz";

  it("masks the plain value wherever it appears", () => {
    const mask = createMasker([token]);
    expect(mask(`Authorization: Bearer ${token}`)).toBe(`Authorization: Bearer ${MASK}`);
    expect(mask(`${token}${token} and ${token}`)).toBe(`${MASK} and ${MASK}`);
    expect(mask("nothing to hide")).toBe("nothing to hide");
  });

  it("masks base64 in both alphabets, with and without padding", () => {
    const secret = "p4ss>>>w???rd~~~"; // encodes with + and / in standard base64, so the alphabets differ
    expect(b64(secret)).toMatch(/[+/]/);
    const mask = createMasker([secret]);
    for (const encoded of [b64(secret), b64(secret).replace(/=+$/, ""), b64url(secret), `${b64url(secret)}==`]) {
      expect(mask(`data: ${encoded}`)).toBe(`data: ${MASK}`);
    }
  });

  it("masks `echo $SECRET | base64`, which encodes a trailing newline", () => {
    expect(createMasker([token])(`c2VjcmV0: ${b64(`${token}\n`)}`)).toBe(`c2VjcmV0: ${MASK}`);
  });

  it("masks the secret inside a longer base64 text, as in HTTP Basic auth", () => {
    const password = "correct-horse-battery";
    const mask = createMasker([password]);
    for (const user of ["a", "ab", "abc"]) {
      const header = `Authorization: Basic ${b64(`${user}:${password}`)}`;
      expect(mask(header)).not.toContain(b64(`${user}:${password}`).slice(4, -4));
      expect(mask(header)).toContain(MASK);
    }
  });

  it("masks each line of a multi-line secret, and the whole of it", () => {
    const key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG\r\n  9w0BAQEFAASCBKcwggSj  \nok\n-----END KEY-----\n";
    const mask = createMasker([key]);
    expect(mask("MIIEvQIBADANBgkqhkiG")).toBe(MASK);
    expect(mask("line: 9w0BAQEFAASCBKcwggSj;")).toBe(`line: ${MASK};`);
    expect(mask(key)).toBe(MASK);
    expect(mask(`${key.trim()}!`)).toBe(`${MASK}!`); // the trimmed value, as `echo "$KEY"` prints it
    expect(mask("ok")).toBe("ok"); // a two-character line would mask every "ok" in the log
  });

  it("masks the lines `base64` prints when it wraps a long value at 76 columns", () => {
    const long = "x".repeat(40) + "-certificate-material-" + "y".repeat(60);
    const wrapped = b64(long).match(/.{1,76}/g)!;
    expect(wrapped.length).toBeGreaterThan(1);
    const mask = createMasker([long]);
    for (const line of wrapped.slice(0, -1)) expect(mask(line)).toBe(MASK);
  });

  it("masks `base64 -w 20` and `user:$SECRET` wrapped at 76, line by line", () => {
    const secret = "sk_live_51Hx9fK2xLq7Zz0pQ-and-some-more-of-it";
    const mask = createMasker([secret]);
    const narrow = b64(secret).match(/.{1,20}/g)!;
    const basic = b64(`deploy-bot:${secret}`).match(/.{1,76}/g)!;
    const short = b64(`ab:${"x".repeat(60)}${secret}`).match(/.{1,76}/g)!;
    for (const lines of [narrow, basic, short]) {
      const stored = lines.map(mask);
      expect(stored.join("")).not.toContain(b64(secret).slice(8, -8));
      expect(stored.some((l) => l.includes(MASK))).toBe(true);
    }
    expect(narrow.slice(1, -1).map(mask)).toEqual(narrow.slice(1, -1).map(() => MASK)); // the middle lines are all secret
  });

  it("masks hex, URL-encoded and JSON-escaped forms", () => {
    const secret = 'p"a\\ss w/rd€';
    const mask = createMasker([secret]);
    const hex = Buffer.from(secret).toString("hex");
    for (const form of [
      hex,
      hex.toUpperCase(),
      encodeURIComponent(secret),
      encodeURIComponent(secret).replaceAll("%20", "+"),
      JSON.stringify(secret).slice(1, -1),
    ]) {
      expect(mask(`value=${form};`)).toBe(`value=${MASK};`);
    }
    expect(mask(JSON.stringify({ token: secret }))).toBe(`{"token":"${MASK}"}`);
  });

  it("masks a result's strings before they are escaped", () => {
    const secret = 'quote"and\\backslash';
    const masked = maskDeep({ checks: [{ got: `value ${secret}` }], n: 1 }, createMasker([secret]));
    expect(masked).toEqual({ checks: [{ got: `value ${MASK}` }], n: 1 });
  });

  it("never lets a cut fall inside a secret", () => {
    const secret = "a-secret-of-24-chars-xyz";
    const mask = createMasker([secret]);
    const line = `${"x".repeat(10)}${secret}${"y".repeat(10)}`;
    expect(mask.safeCut(line, 20)).toBe(10);
    expect(mask.safeCut(line, 5)).toBe(5);
    expect(mask.safeCut(secret + "tail", 4)).toBe(secret.length);
    expect(mask.longest).toBeGreaterThanOrEqual(secret.length);
  });

  it("masks overlapping secrets as the union of both", () => {
    const mask = createMasker(["abcdef", "defghi"]);
    expect(mask("xx abcdefghi yy")).toBe(`xx ${MASK} yy`);
    expect(mask("abcdef-defghi")).toBe(`${MASK}-${MASK}`);
    // A secret inside a longer one: the longer one wins, nothing of it shows.
    expect(createMasker(["hunter2", "my-hunter2-pw"])("pw=my-hunter2-pw")).toBe(`pw=${MASK}`);
  });

  it("treats regex special characters in a secret literally", () => {
    const secret = "a.b*c+(d)?[e]{2}|^$\\";
    const mask = createMasker([secret]);
    expect(mask(`s=${secret}!`)).toBe(`s=${MASK}!`);
    expect(mask("aXbbbc+(d)?[e]{2}|^$\\")).toBe("aXbbbc+(d)?[e]{2}|^$\\");
    expect(mask("a.bc+d")).toBe("a.bc+d");
  });

  it("ignores values too short to mask safely, and empty lists", () => {
    expect(secretVariants("")).toEqual([]);
    expect(secretVariants("  abc \n")).toEqual([]);
    expect(createMasker(["", "yes", "1"])("yes, 1 is fine")).toBe("yes, 1 is fine");
    expect(createMasker([])("anything")).toBe("anything");
    expect(createMasker(["abcd"])("xabcdx")).toBe(`x${MASK}x`);
  });

  it("masking twice changes nothing", () => {
    const mask = createMasker([token, "abcdef"]);
    const once = mask(`t=${token} u=abcdef`);
    expect(once).toBe(`t=${MASK} u=${MASK}`);
    expect(mask(once)).toBe(once);
  });

  it("masks 10,000 lines quickly", () => {
    const secrets = Array.from({ length: 30 }, (_, i) => `secret-value-${i}-${"k".repeat(i)}`);
    const mask = createMasker(secrets);
    const lines = Array.from({ length: 10_000 }, (_, i) =>
      i % 100 === 0
        ? `step ${i}: token ${secrets[i % 30]} base64 ${b64(secrets[(i + 1) % 30])}`
        : `step ${i}: deploying pod web-${i} to node-${i % 7} (ready 3/3)`,
    );
    const t0 = performance.now();
    const out = lines.map(mask);
    const ms = performance.now() - t0;
    console.log(`masked 10,000 lines (30 secrets, ${secrets.flatMap(secretVariants).length} variants) in ${ms.toFixed(1)} ms`);
    expect(out.filter((l) => l.includes(MASK))).toHaveLength(100);
    expect(out.join("\n")).not.toMatch(/secret-value-/);
    expect(out[1]).toBe(lines[1]);
    expect(ms).toBeLessThan(500);
  });
});
