import { describe, expect, it } from "vitest";
import { admonitionText } from "@/lib/runbook/admonition";
import { parseRunbook } from "@/lib/runbook/parse-runbook";

// Admonitions and blockquotes (issue 18) are notes of their section, their markers read as words.

describe("admonitions and blockquotes", () => {
  it("become notes of their phase or procedure, their markers read as words", () => {
    const r = parseRunbook(
      `## Deploy (T-0)\n\n> [!WARNING]\n> Do not deploy on Fridays.\n\n:::warning\nCheck the backup first.\n:::\n\n> **Note:** the CDN caches for 5 minutes\n\n- [ ] Go\n\n## Rollback\n\n:::tip Fast path\n\nUse the previous image.\n\n:::\n\n\`\`\`bash\n./rollback.sh\n\`\`\`\n`,
    );
    expect(r.references.map((x) => [x.title, x.kind, x.text])).toEqual([
      ["Deploy (T-0)", "note", "Warning: Do not deploy on Fridays.\n\nWarning: Check the backup first.\n\nNote: the CDN caches for 5 minutes"],
      ["Rollback", "note", "Tip: Fast path\n\nUse the previous image."],
    ]);
    expect(r.coverage.unplaced).toBe(0);
  });
});

describe("admonitionText", () => {
  it("leaves other paragraphs as they are", () => {
    expect(admonitionText("[!unknown] stays")).toBe("[!unknown] stays");
    expect(admonitionText("Plain text")).toBe("Plain text");
    expect(admonitionText(":::")).toBe("");
  });
});
