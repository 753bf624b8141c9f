import { describe, expect, it } from "vitest";
import type { List } from "mdast";
import { markdownTree } from "@/lib/runbook/markdown-tree";
import { inlineText, listItemOwnText, taskState } from "@/lib/runbook/markdown-text";

const parse = (md: string) => markdownTree(md);
const firstItem = (md: string) => (parse(md).children[0] as List).children[0];

describe("markdown text", () => {
  it("strips markup, keeps inline code and image alt text, drops raw HTML", () => {
    expect(inlineText(parse("**Bold** _em_ `code()` [link](x) ![alt](y) <kbd>k</kbd> ~~gone~~\nnext").children[0])).toBe("Bold em code() link alt k gone next");
  });

  it("takes a list item's own paragraphs, not its nested lists or code", () => {
    expect(listItemOwnText(firstItem("- first\n\n  second\n  - nested\n  ```\n  code\n  ```"))).toBe("first"); // a loose item's further paragraphs are its details
  });

  it("reads GFM task state", () => {
    expect(taskState(firstItem("- [x] done"))).toEqual({ checked: true, text: "done" });
    expect(taskState(firstItem("- [ ] open"))).toEqual({ checked: false, text: "open" });
    expect(taskState(firstItem("- plain"))).toBeNull();
  });

  it("reads a checkbox GFM does not mark as a task", () => {
    expect(taskState(firstItem("- [ ]"))).toEqual({ checked: false, text: "" });
    expect(taskState(firstItem("- [X]\n  ```bash\n  ls\n  ```"))).toEqual({ checked: true, text: "" });
    expect(taskState(firstItem("- [link] text"))).toBeNull();
  });
});
