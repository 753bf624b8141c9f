import type { Nodes } from "mdast";
import { expect } from "vitest";
import { listItemOwnText, taskState } from "@/lib/runbook/markdown-text";
import { normaliseMarkdown, parseMarkdown } from "@/lib/runbook/markdown-parse";
import { replaceRunbookCredentials } from "@/lib/runbook/runbook-credentials";
import type { TParsedRunbook } from "@/lib/schemas/runbook";

// Test helper (issue 18, "nothing is dropped"): every list item's text of a document appears somewhere in what the
// import made (an item, a step, details, a reference, a note, a threshold) or in its unplaced list, and the coverage
// figures add up.

/** The texts of every list item of the document as the import reads it (credentials already replaced). */
export function listItemTexts(markdown: string): string[] {
  const { markdown: source } = replaceRunbookCredentials(normaliseMarkdown(markdown));
  const texts = new Set<string>();
  const stack: Nodes[] = [parseMarkdown(source)];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "listItem") {
      const text = taskState(node)?.text ?? listItemOwnText(node);
      if (text !== "") texts.add(text);
    }
    if ("children" in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  return [...texts];
}

export function expectEveryListItemKept(markdown: string, result: TParsedRunbook): void {
  const { coverage } = result;
  expect(coverage.placed + coverage.unplaced).toBe(coverage.blocks);
  const haystack = JSON.stringify([result.phases, result.procedures, result.references, result.reminders, result.unplaced, result.thresholds, result.title]);
  for (const text of listItemTexts(markdown)) {
    const needle = JSON.stringify(text).slice(1, -1);
    expect(haystack.includes(needle), `list item "${text.slice(0, 80)}" is nowhere in the template or the unplaced list`).toBe(true);
  }
}
