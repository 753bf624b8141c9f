import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { parseRunbook, withoutComments, withoutTags } from "@/lib/runbook/parse-runbook";
import { pathologicalCorpus, worstDocument } from "@/lib/runbook/pathological-corpus";
import { reportProgressTo } from "@/lib/runbook/progress";
import { ZParsedRunbook } from "@/lib/schemas/runbook";

// The import's promise: nothing a caller sends holds a process. On an idle machine each document of the corpus parses
// well within 200 ms per 100 KB. A wall-clock bound alone would flake on a loaded two-core machine (7 sessions share
// this one), so the bound is also relative: no pathological document may cost more than BASELINE_FACTOR times an
// ordinary runbook of the same size parsed just before. Before the parser was made linear the worst of them took 10
// to 20 s per 100 KB (50 to 100 times an ordinary runbook), so a regression fails by far either way.
const KB = 1024;
const MS_PER_100_KB = 200;
const SLACK = 3;
const BASELINE_FACTOR = 8;

function timed(markdown: string) {
  const started = performance.now();
  const result = parseRunbook(markdown);
  return { result, ms: performance.now() - started };
}

/** Real runbooks (fixtures/) repeated to `bytes`. */
function ordinaryRunbook(bytes: number): string {
  const dir = path.resolve(__dirname, "fixtures");
  const text = fs
    .readdirSync(dir)
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n\n");
  return text.repeat(Math.ceil(bytes / text.length)).slice(0, bytes);
}

let baselineMs = 0;
/** What a document of `size` may cost: the wall-clock budget, or a few times an ordinary runbook's cost right now. */
const boundFor = (size: number) => (size / (100 * KB)) * Math.max(MS_PER_100_KB * SLACK, BASELINE_FACTOR * baselineMs);

beforeAll(() => {
  const ordinary = ordinaryRunbook(100 * KB);
  timed(ordinary); // warm up
  const runs = [timed(ordinary).ms, timed(ordinary).ms, timed(ordinary).ms].sort((a, b) => a - b);
  baselineMs = runs[1];
  console.log(`ordinary 100 KB runbook: ${Math.round(baselineMs)} ms; bound per 100 KB: ${Math.round(boundFor(100 * KB))} ms`);
});

describe("the pathological corpus", () => {
  it.each(pathologicalCorpus(100 * KB).map((doc) => [doc.name, doc] as const))("%s: 100 KB parse within the budget", (_name, doc) => {
    const { result, ms } = timed(doc.markdown);
    expect(ZParsedRunbook.safeParse(result).success).toBe(true);
    expect(ms).toBeLessThan(boundFor(100 * KB));
  });

  it("still parses at 400 KB, in time that grows with the size (no stack overflow on huge runs either)", () => {
    const slow: string[] = [];
    for (const doc of pathologicalCorpus(400 * KB)) {
      const { result, ms } = timed(doc.markdown);
      expect(ZParsedRunbook.safeParse(result).success, doc.name).toBe(true);
      if (ms > boundFor(400 * KB)) slow.push(`${doc.name}: ${Math.round(ms)} ms`);
    }
    expect(slow).toEqual([]);
  }, 180_000);

  it("the worst document (160 KB of spaces in a bash block, 30 s before) keeps its command", () => {
    const { result, ms } = timed(worstDocument().markdown);
    expect(ms).toBeLessThan(boundFor(160 * KB));
    const steps = result.procedures.flatMap((p) => p.steps);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ kind: "command", line: 4 });
  });
});

describe("progress", () => {
  it("reports the lines it reaches, up to the last one", () => {
    const lines: number[] = [];
    reportProgressTo((line) => lines.push(line));
    try {
      parseRunbook("# Launch\n\n- [ ] one\n\n<details>\n\n- [ ] hidden\n\n</details>\n\n## Deploy 10% -> 50% traffic\n\n```bash\necho hi\n```\n");
    } finally {
      reportProgressTo(null);
    }
    expect(lines.length).toBeGreaterThan(5);
    expect(Math.max(...lines)).toBe(16);
    expect(lines).toContain(7); // the item inside the HTML block, at its line in the document
  });
});

describe("HTML stripping", () => {
  const piece = fc.string({ unit: fc.constantFrom("<", ">", "/", "!", "-", "a", "B", " ", "\n", "1"), maxLength: 40 });
  it("removes exactly what the old regular expressions removed", () => {
    fc.assert(
      fc.property(piece, (html) => {
        expect(withoutComments(html)).toBe(html.replace(/<!--[\s\S]*?(-->|$)/g, ""));
        expect(withoutTags(html)).toBe(html.replace(/<\/?[A-Za-z][^>]*>/g, ""));
      }),
      { numRuns: 3000 },
    );
  });
});
