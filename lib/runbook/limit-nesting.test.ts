import { describe, expect, it } from "vitest";
import { limitNesting } from "@/lib/runbook/limit-nesting";

describe("limitNesting", () => {
  it("leaves ordinary Markdown exactly as it is", () => {
    const md = "# T\n\n- [ ] a\n  - [ ] b\n    1. c\n> quote\n>> nested\n\n**bold** _em_ `code`\n```bash\n" + " ".repeat(200) + "x\n```";
    expect(limitNesting(md)).toBe(md);
  });

  it("caps runs of container markers but keeps the item", () => {
    const out = limitNesting("- ".repeat(5000) + "[ ] deep");
    expect(out.length).toBeLessThan(200);
    expect(out.endsWith("- [ ] deep")).toBe(true);
    expect(limitNesting(">".repeat(5000) + " x")).toBe(">".repeat(32) + "x");
  });

  it("caps deep indentation", () => {
    expect(limitNesting(" ".repeat(1000) + "- [ ] x")).toBe(" ".repeat(128) + "- [ ] x");
  });

  it("escapes emphasis markers on lines full of them", () => {
    const out = limitNesting("*_".repeat(100) + "x");
    expect(out.startsWith("\\*\\_")).toBe(true);
  });

  it("never changes fenced code or the number of lines", () => {
    const code = "```\n" + "- ".repeat(100) + "\n" + "*".repeat(500) + "\n```";
    expect(limitNesting(code)).toBe(code);
    const md = "a\n" + "- ".repeat(100) + "b\nc";
    expect(limitNesting(md).split("\n")).toHaveLength(3);
  });
});
