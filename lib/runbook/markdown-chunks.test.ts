import { describe, expect, it } from "vitest";
import { splitMarkdown } from "@/lib/runbook/markdown-chunks";

describe("splitMarkdown", () => {
  it("keeps small documents whole", () => {
    expect(splitMarkdown("# a\n\ntext")).toEqual([{ text: "# a\n\ntext", lineOffset: 0 }]);
  });

  it("cuts big documents after blank lines, with line offsets", () => {
    const doc = Array.from({ length: 40 }, (_, i) => `## Section ${i}\n\n- [ ] item ${i}\n`).join("\n");
    const chunks = splitMarkdown(doc, 100);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((c) => c.text).join("\n")).toBe(doc);
    for (const chunk of chunks) expect(doc.split("\n")[chunk.lineOffset]).toBe(chunk.text.split("\n")[0]);
  });

  it("never cuts inside fenced code or an HTML comment", () => {
    const body = Array.from({ length: 50 }, (_, i) => `\nline ${i}`).join("\n");
    const doc = `intro\n\n\`\`\`bash${body}\n\`\`\`\n\n<!--${body}\n-->\n\nend`;
    const chunks = splitMarkdown(doc, 50);
    for (const chunk of chunks) {
      const fences = (chunk.text.match(/^```/gm) ?? []).length;
      expect(fences % 2).toBe(0);
      expect((chunk.text.match(/<!--/g) ?? []).length).toBe((chunk.text.match(/-->/g) ?? []).length);
    }
  });

  it("copies link definitions into every piece", () => {
    const doc = Array.from({ length: 30 }, (_, i) => `para ${i} [docs][ref]\n`).join("\n") + "\n[ref]: https://x\n";
    const chunks = splitMarkdown(doc, 50);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text).toContain("[ref]: https://x");
  });
});
