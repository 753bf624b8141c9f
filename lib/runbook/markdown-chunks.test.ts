import { describe, expect, it } from "vitest";
import { splitMarkdown } from "@/lib/runbook/markdown-chunks";

describe("splitMarkdown", () => {
  it("keeps small documents whole", () => {
    expect(splitMarkdown("# a\n\ntext")).toEqual([{ text: "# a\n\ntext", lineOffset: 0 }]);
  });

  it("cuts big documents after blank lines, with line offsets", () => {
    const doc = Array.from({ length: 40 }, (_, i) => `## Section ${i}\n\n- [ ] item ${i}\n`).join("\n");
    const chunks = splitMarkdown(doc, 100, 200);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((c, i) => (i === 0 ? c.text : c.text.slice(1))).join("\n")).toBe(doc);
    for (const chunk of chunks.slice(1)) expect(doc.split("\n")[chunk.lineOffset + 1]).toBe(chunk.text.split("\n")[1]);
  });

  it("never cuts inside fenced code or an HTML comment", () => {
    const body = Array.from({ length: 50 }, (_, i) => `\nline ${i}`).join("\n");
    const doc = `intro\n\n\`\`\`bash${body}\n\`\`\`\n\n<!--${body}\n-->\n\nend`;
    const chunks = splitMarkdown(doc, 50, 100);
    for (const chunk of chunks) {
      const fences = (chunk.text.match(/^```/gm) ?? []).length;
      expect(fences % 2).toBe(0);
      expect((chunk.text.match(/<!--/g) ?? []).length).toBe((chunk.text.match(/-->/g) ?? []).length);
    }
  });

  it("does not let a later piece start with front matter", () => {
    const doc = Array.from({ length: 30 }, (_, i) => `para ${i}\n\n---\n`).join("\n");
    for (const chunk of splitMarkdown(doc, 20, 50).slice(1)) expect(chunk.text.startsWith("\n")).toBe(true);
  });

  it("copies link definitions into every piece", () => {
    const doc = Array.from({ length: 30 }, (_, i) => `para ${i} [docs][ref]\n`).join("\n") + "\n[ref]: https://x\n";
    const chunks = splitMarkdown(doc, 50, 100);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.text).toContain("[ref]: https://x");
  });
});
