import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { expectEveryListItemKept } from "@/lib/runbook/coverage-invariant";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { pathologicalCorpus } from "@/lib/runbook/pathological-corpus";

// Nothing is dropped (issue 18): coverage figures, the empty-template warning, and the list-item invariant over the
// fixtures and the pathological corpus (the fuzz generator's documents: fuzz.test.ts).

const FIXTURES = path.resolve(__dirname, "fixtures");

describe("coverage", () => {
  it("counts every block: placed as item, step, details, reference or note, or unplaced", () => {
    const md =
      "# Doc\n\nIntro paragraph.\n\n## Prep (T-1 Day)\n- [ ] Tag\n  - details\n\n```yaml\na: 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Contents\n1. [Prep](#prep)\n";
    const result = parseRunbook(md);
    // paragraph, task, its sub-bullet, yaml, table, one table-of-contents entry
    expect(result.coverage).toEqual({ blocks: 6, placed: 5, unplaced: 1 });
    expect(result.warnings).toEqual([]);
    expect(result.references.find((r) => r.kind === "note")).toMatchObject({ title: "Doc", text: "Intro paragraph." });
  });

  it("keeps blockquotes and admonitions as notes of their section", () => {
    const result = parseRunbook("## Deploy\n- [ ] Go\n\n> **Warning:** never on Fridays\n");
    expect(result.references).toEqual([
      { title: "Deploy", line: 4, header: [], rows: [], kind: "note", text: "**Warning:** never on Fridays".replace(/\*\*/g, "") },
    ]);
    expect(result.coverage).toEqual({ blocks: 2, placed: 2, unplaced: 0 });
  });

  it("imports prose with nothing to tick or run as all unplaced, with a warning", () => {
    const result = parseRunbook("# Notes\n\nWe deploy on Tuesdays.\n\nAsk Ana first.\n\n- servers are in eu-west\n");
    expect(result.counts).toEqual({ phases: 0, checklistItems: 0, procedures: 0, steps: 0 });
    expect(result.coverage).toEqual({ blocks: 3, placed: 0, unplaced: 3 });
    expect(result.warnings).toHaveLength(1);
    expect(result.unplaced.map((u) => u.text).join("\n")).toContain("servers are in eu-west");
  });

  it("says nothing for an empty document", () => {
    expect(parseRunbook("").coverage).toEqual({ blocks: 0, placed: 0, unplaced: 0 });
    expect(parseRunbook("# Title only\n").warnings).toEqual([]);
  });

  it.each(fs.readdirSync(FIXTURES))("keeps every list item of %s", (name) => {
    const markdown = fs.readFileSync(path.join(FIXTURES, name), "utf8");
    const result = parseRunbook(markdown);
    expectEveryListItemKept(markdown, result);
    expect(result.coverage.unplaced).toBeLessThan(result.coverage.blocks / 10);
  });

  it("keeps every list item of the pathological corpus (at 4 KB)", () => {
    for (const doc of pathologicalCorpus(4 * 1024)) expectEveryListItemKept(doc.markdown, parseRunbook(doc.markdown));
  }, 60_000);
});

describe("coverage of a nested table of contents", () => {
  it("lists every entry, nested ones too, as unplaced", () => {
    const md = "# Doc\n## Contents\n1. [Prep](#prep)\n   1. [Backups](#backups)\n2. [Deploy](#deploy)\n## Prep\n- [ ] a\n";
    const result = parseRunbook(md);
    expect(result.unplaced[0].text).toBe("[Prep](#prep)\n  [Backups](#backups)\n[Deploy](#deploy)".replace(/\[([^\]]+)\]\(#[^)]+\)/g, "$1"));
    expect(result.coverage).toEqual({ blocks: 4, placed: 1, unplaced: 3 });
    expectEveryListItemKept(md, result);
  });
});
