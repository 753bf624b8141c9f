import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { expectEveryListItemKept } from "@/lib/runbook/coverage-invariant";
import { ZParsedRunbook, type TParsedRunbook } from "@/lib/schemas/runbook";

// Property tests: whatever Markdown comes in, the import neither throws nor loses a task-list item.

type Doc = { markdown: string; tasks: string[] };

const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
const plainText = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));
/** Item text as written, and as it should come out once markup is stripped. */
const itemText = fc.oneof(
  plainText.map((t) => ({ written: t, text: t })),
  fc.tuple(plainText, word).map(([t, w]) => ({ written: `${t} \`${w}\``, text: `${t} ${w}` })),
  fc.tuple(plainText, word).map(([t, w]) => ({ written: `**${w}** ${t}`, text: `${w} ${t}` })),
  fc.tuple(plainText, word).map(([t, w]) => ({ written: `${t} [${w}](https://example.com/${w})`, text: `${t} [${w}](https://example.com/${w})` })),
);
const timePhrase = fc.constantFrom("", " (T-5 Days)", " (T-1 Hour)", " T+30 Minutes", " Day 1-2", " (Week 2)", " Release Day");
const heading = fc
  .tuple(fc.integer({ min: 1, max: 6 }), plainText, timePhrase, fc.constantFrom("", "Rollback ", "Smoke Tests ", "Deploy "))
  .map(([depth, text, phrase, kind]) => `${"#".repeat(depth)} ${kind}${text}${phrase}`);

const shellBlock = (indent: string) =>
  fc
    .array(
      fc.constantFrom("ls -la", "# comment", "curl -f https://x/health", "echo a \\\n  b", "for i in 1 2; do\n  echo $i\ndone", "cat << EOF\nbody\nEOF", ""),
      {
        minLength: 1,
        maxLength: 5,
      },
    )
    .map((lines) => ["```bash", ...lines.join("\n").split("\n"), "```"].map((l) => indent + l).join("\n"));

const listItem = fc.record({
  depth: fc.integer({ min: 0, max: 4 }),
  marker: fc.constantFrom("-", "*", "+", "1."),
  checked: fc.constantFrom(" ", "x", "X"),
  text: itemText,
  task: fc.boolean(),
  code: fc.boolean(),
  blankAfter: fc.boolean(),
});

const list = fc.array(listItem, { minLength: 1, maxLength: 8 }).chain((items) =>
  fc.tuple(...items.map((item) => (item.code ? shellBlock("") : fc.constant("")))).map((codes): Doc => {
    const lines: string[] = [];
    const tasks: string[] = [];
    const indents: number[] = []; // content offset of each open level
    items.forEach((item, i) => {
      const depth = Math.min(item.depth, indents.length);
      indents.length = depth;
      const indent = indents.reduce((a, b) => a + b, 0);
      const pad = " ".repeat(indent);
      const box = item.task ? `[${item.checked}] ` : "";
      lines.push(`${pad}${item.marker} ${box}${item.text.written}`);
      if (item.task) tasks.push(item.text.text);
      indents.push(item.marker.length + 1);
      if (codes[i])
        lines.push(
          codes[i]
            .split("\n")
            .map((l) => " ".repeat(indent + item.marker.length + 1) + l)
            .join("\n"),
        );
      if (item.blankAfter) lines.push("");
    });
    return { markdown: lines.join("\n"), tasks };
  }),
);

const plainBlock = (block: fc.Arbitrary<string>) => block.map((markdown): Doc => ({ markdown, tasks: [] }));
const block: fc.Arbitrary<Doc> = fc.oneof(
  { weight: 4, arbitrary: list },
  { weight: 2, arbitrary: plainBlock(heading) },
  plainBlock(plainText),
  plainBlock(shellBlock("")),
  plainBlock(fc.constant("```yaml\nkey: value\n```")),
  plainBlock(fc.constant("| Metric | Warning | Critical | Action |\n|---|---|---|---|\n| errors | 1% | 5% | page |")),
  plainBlock(fc.constant("| a | b |\n|---|---|\n| 1 | 2 |")),
  plainBlock(fc.constant("<!-- - [ ] commented out -->")),
  plainBlock(fc.constant("{% if prod %}\n{{ version }}\n{% endif %}")),
  plainBlock(fc.constant("---")),
  plainBlock(fc.constant("##")),
  plainBlock(fc.constant("> quoted âœ… text")),
  list.map((d) => ({ markdown: `<details>\n<summary>more</summary>\n\n${d.markdown}\n\n</details>`, tasks: d.tasks })),
  // without blank lines around it an HTML block ends at the first blank line, as on GitHub
  list.filter((d) => !/\n[ \t]*\n/.test(d.markdown)).map((d) => ({ markdown: `<details>\n${d.markdown}\n</details>`, tasks: d.tasks })),
);

const document = fc.tuple(fc.array(block, { maxLength: 12 }), fc.boolean(), fc.boolean(), fc.boolean()).map(([blocks, frontMatter, crlf, tabs]): Doc => {
  let markdown = (frontMatter ? "---\ntitle: x\n---\n\n" : "") + blocks.map((b) => b.markdown).join("\n\n");
  if (tabs) markdown = markdown.replace(/^ {4}/gm, "\t");
  if (crlf) markdown = markdown.replace(/\n/g, "\r\n");
  return { markdown, tasks: blocks.flatMap((b) => b.tasks) };
});

function taskTexts(result: TParsedRunbook): string[] {
  return result.phases.flatMap((p) => p.items.filter((i) => i.source === "task").map((i) => i.text));
}

/** Task items and the manual steps of playbooks (contingency sections), first line of each, in document order. */
function itemsAndPlaybookSteps(result: TParsedRunbook): string[] {
  const items = result.phases.flatMap((p) => p.items.filter((i) => i.source === "task").map((i) => ({ line: i.line, text: i.text })));
  const gates = result.procedures.flatMap((p) => p.steps.filter((s) => s.kind === "gate").map((s) => ({ line: s.line, text: s.text.split("\n")[0] })));
  return [...items, ...gates].sort((a, b) => a.line - b.line).map((x) => x.text);
}

function expectInOrder(found: string[], expected: string[]): void {
  let at = 0;
  for (const text of found) if (at < expected.length && text === expected[at]) at++;
  expect(expected.slice(at), "tasks not found in order").toEqual([]);
}

function expectValid(result: TParsedRunbook): void {
  expect(ZParsedRunbook.safeParse(result).success).toBe(true);
}

const FIXTURES = path.resolve(__dirname, "fixtures");
const runbooks = fs.readdirSync(FIXTURES).map((f) => fs.readFileSync(path.join(FIXTURES, f), "utf8"));

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.constantFrom(
      "```",
      "`",
      "**",
      "<details>",
      "</details>",
      "<!--",
      "-->",
      "|",
      "\n# ",
      "\n- [ ] ",
      "\n1. ",
      "\\",
      "\r\n",
      "\t",
      "â€",
      "ðŸ",
      "{% raw %}",
      "\n---\n",
      "[",
      "](",
      "\u0000",
      "\uFFFD",
    ),
  }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 500 }) }),
);

function mutate(text: string, mutations: fc.Arbitrary<unknown> extends never ? never : { kind: string; at: number; length?: number; text?: string }[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % out.length;
    if (m.kind === "delete") out = out.slice(0, at) + out.slice(at + (m.length ?? 0));
    else if (m.kind === "insert") out = out.slice(0, at) + m.text + out.slice(at);
    else out = out.slice(0, at) + out.slice(at, at + (m.length ?? 0)) + out.slice(at);
  }
  return out;
}

describe("parseRunbook fuzzing", () => {
  it("places every list item of generated documents, or lists it as unplaced (issue 18)", () => {
    fc.assert(
      fc.property(document, (doc) => {
        expectEveryListItemKept(doc.markdown, parseRunbook(doc.markdown));
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it("keeps every task-list item of generated documents, once and in order", () => {
    fc.assert(
      fc.property(document, (doc) => {
        const result = parseRunbook(doc.markdown);
        expectValid(result);
        // a task under a contingency heading ("## Rollback ...") is a playbook step, not a checklist item
        expectInOrder(itemsAndPlaybookSteps(result), doc.tasks);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it("never throws on random text", () => {
    const markdownish = fc.string({ unit: fc.constantFrom(..."#-*+[]()`~|<>!/\\ \n\t\r>_=:{}%1x.âœ…ðŸ"), maxLength: 300 });
    fc.assert(
      fc.property(fc.oneof(markdownish, fc.string({ unit: "binary", maxLength: 200 })), (text) => {
        expectValid(parseRunbook(text));
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it("never throws on mutated pieces of the real runbooks", () => {
    fc.assert(
      fc.property(fc.nat(runbooks.length - 1), fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 6 }), (which, start, mutations) => {
        const source = runbooks[which];
        const from = start % source.length;
        const piece = source.slice(from, from + 3000);
        const result = parseRunbook(mutate(piece, mutations));
        expectValid(result);
        expect(result.counts.checklistItems).toBe(taskTexts(result).length + result.phases.flatMap((p) => p.items).filter((i) => i.source !== "task").length);
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it("survives pathological nesting and sizes", () => {
    // micromark overflows the stack past a few thousand nested containers; limit-nesting.ts prevents it
    for (const text of [
      ">".repeat(50_000) + " - [ ] deep",
      "- ".repeat(50_000) + "[ ] deep",
      "1. ".repeat(20_000),
      "*".repeat(20_000),
      "[".repeat(2000),
      "<details>".repeat(2000),
      "`".repeat(10_000),
    ]) {
      expectValid(parseRunbook(text));
    }
    expect(taskTexts(parseRunbook("- ".repeat(50_000) + "[ ] deep"))).toEqual(["deep"]);
  }, 60_000);
});
