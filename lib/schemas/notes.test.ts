import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown, safeHref } from "@/components/markdown";
import { notesMarkdown, noteSections, ZNoteSections } from "@/lib/schemas/notes";

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe("release notes Markdown", () => {
  it("exports the filled sections in order under their titles", () => {
    const md = notesMarkdown("Shop 2.0", ZNoteSections.parse({ rollback: "Redeploy 1.9", features: "- Dark mode\n" }));
    expect(md).toBe("# Shop 2.0\n\n## Features\n\n- Dark mode\n\n## Rollback notes\n\nRedeploy 1.9\n");
    expect(notesMarkdown("Empty", noteSections({}))).toContain("_No release notes yet._");
  });

  it("ignores unknown stored keys and fills missing ones", () => {
    expect(noteSections({ features: "x", legacy: "y" })).toMatchObject({ features: "x", bugFixes: "" });
    expect(noteSections(null).features).toBe("");
  });

  it("renders Markdown without passing HTML or script links through", () => {
    const out = html(
      "**bold** and `code`\n\n- [site](https://example.com)\n- [bad](javascript:alert(1))\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>",
    );
    expect(out).toContain("<strong>bold</strong>");
    expect(out).toContain("<code>code</code>");
    expect(out).toContain('href="https://example.com/"');
    // markdown-it refuses the link and keeps it as words; no href of it may reach the page.
    expect(out).not.toMatch(/href="javascript:/i);
    expect(out).not.toMatch(/<a[^>]*>bad<\/a>/);
    expect(out).not.toContain("<script");
    expect(out).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;");
    expect(safeHref("/relative")).toBeNull();
    expect(safeHref("mailto:ops@example.com")).toBe("mailto:ops@example.com");
  });

  it("renders GFM tables and task lists", () => {
    const out = html("| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n- [ ] open");
    expect(out).toContain("<td>1</td>");
    expect(out).toContain("☑ ");
    expect(out).toContain("☐ ");
  });
});
