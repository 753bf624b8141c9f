import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { pathologicalCorpus } from "@/lib/runbook/pathological-corpus";
import { exportRunbookInThread, importBudgetMs, parseRunbookInThread } from "@/lib/templates/parse-in-thread";
import { exportRunbook, type ExportableTemplate } from "@/lib/templates/export-runbook";
import { draftFromRunbook } from "@/lib/templates/runbook-draft";
import { parseConfig } from "@/lib/config";

// The import parses in a worker thread under a time budget; past it the thread is stopped and the caller gets 422
// TOO_COMPLEX naming the line the parser had reached.

const runbook = fs.readFileSync(path.resolve(__dirname, "../runbook/fixtures/xcodereviewer-rollout.md"), "utf8");

describe("parseRunbookInThread", () => {
  it("gives what the parser gives on the request thread", async () => {
    expect(await parseRunbookInThread(runbook, 30_000)).toEqual(parseRunbook(runbook));
  }, 60_000);

  it("stops a parse that outlives its budget: 422 TOO_COMPLEX with the line it had reached", async () => {
    // 1 MB of link openers over 25,000 lines takes far longer than 5 ms on any machine
    const doc = pathologicalCorpus(1000 * 1024).find((d) => d.name === "thousands of [x](")!;
    const markdown = doc.markdown.replace(/\[x\]\(/g, (m, offset: number) => (offset % 40 === 0 ? `${m}\n` : m));
    const started = performance.now();
    const failure = await parseRunbookInThread(markdown, 5).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({ code: "TOO_COMPLEX", status: 422, details: { line: expect.any(Number), budgetMs: 5 } });
    expect((failure as Error).message).toMatch(/too complex to import.*at line \d+/);
    expect(performance.now() - started).toBeLessThan(30_000);
    // The stopped thread is gone; the next import gets a working one.
    expect((await parseRunbookInThread(runbook, 30_000)).title).toBe(parseRunbook(runbook).title);
  }, 60_000);

  it("serves imports one after another and side by side", async () => {
    const docs = ["# A\n\n- [ ] one\n", "# B\n\n- [ ] two\n", "# C\n\n- [ ] three\n"];
    const together = await Promise.all(docs.map((d) => parseRunbookInThread(d, 30_000)));
    expect(together.map((r) => r.title)).toEqual(["A", "B", "C"]);
    for (const d of docs) expect((await parseRunbookInThread(d, 30_000)).phases[0].items).toHaveLength(1);
  }, 60_000);

  it("writes a template as Markdown on the same threads: the same text as on the request thread, or 422 past the budget", async () => {
    const parsed = parseRunbook(runbook);
    const template = (copies: number): ExportableTemplate => {
      const draft = draftFromRunbook(parsed);
      return {
        name: "Rollout",
        description: null,
        ...draft,
        phases: Array.from({ length: copies }, () => draft.phases).flat(),
        references: parsed.references,
        escalation: parsed.escalation,
      };
    };
    expect(await exportRunbookInThread(template(1), 30_000)).toBe(exportRunbook(template(1)));

    // ~1,000 copies of the rollout's phases take far longer than 1 ms to write.
    const failure = await exportRunbookInThread(template(1_000), 1).then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({ code: "TOO_COMPLEX", status: 422, details: { budgetMs: 1 } });
    expect((failure as Error).message).toMatch(/too large to write as Markdown/);
    expect(await exportRunbookInThread(template(1), 30_000)).toBe(exportRunbook(template(1)));
  }, 60_000);

  it("reads the budget from COUNTDOWN_IMPORT_BUDGET_MS (lib/config.ts), 3 s by default; a bad value is refused at start", () => {
    expect(importBudgetMs()).toBe(Number(process.env.COUNTDOWN_IMPORT_BUDGET_MS || 3_000));
    expect(parseConfig({}).COUNTDOWN_IMPORT_BUDGET_MS).toBe(3_000);
    expect(parseConfig({ COUNTDOWN_IMPORT_BUDGET_MS: "750" }).COUNTDOWN_IMPORT_BUDGET_MS).toBe(750);
    expect(() => parseConfig({ COUNTDOWN_IMPORT_BUDGET_MS: "-5" })).toThrow(/COUNTDOWN_IMPORT_BUDGET_MS/);
  });
});
