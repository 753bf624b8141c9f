// Pathological runbooks: what a careless paste or a hostile caller can send to the import. Each document is built
// to hit one place where a parser can go quadratic (a regex that backtracks over a long run, a scan that restarts
// at every position, a nesting that recurses). The unit tests, the health-under-import test and the bench use them.

export type PathologicalDocument = { name: string; markdown: string };

const KB = 1024;

/** `piece` repeated until the text is about `bytes` long. */
function fill(piece: string, bytes: number): string {
  return piece.repeat(Math.max(1, Math.ceil(bytes / piece.length))).slice(0, bytes);
}

/** The documents, each about `size` bytes (100 KB by default; the worst of them held the web process 30 s). */
export function pathologicalCorpus(size = 100 * KB): PathologicalDocument[] {
  const line = (text: string) => `# Deploy (T-1 Hour)\n\n${text}\n`;
  return [
    { name: "one line of spaces", markdown: line(fill(" ", size) + "x") },
    { name: "one line of spaces in a bash block", markdown: `## Deploy\n\n\`\`\`bash\necho start${fill(" ", size)}x\n\`\`\`\n` },
    { name: "one line of spaces ending a bash command", markdown: `## Deploy\n\n\`\`\`bash\necho start${fill(" ", size)}\n\`\`\`\n` },
    { name: "one line of tabs", markdown: line(fill("\t", size) + "x") },
    { name: "spaces and tabs mixed", markdown: line(fill(" \t", size) + "x") },
    { name: "spaces in a task item", markdown: `## Checklist\n\n- [ ] owner${fill(" ", size)}x\n` },
    { name: "spaces after an owner label", markdown: `## Checklist\n\n- [ ] (owner: ${fill(" ", size)}x\n` },
    { name: "an owner at the end, repeated", markdown: `## Checklist\n\n- [ ] ${fill("owner: a ", size)}!\n` },
    { name: "a digit and a line of spaces", markdown: line("1" + fill(" ", size) + "x") },
    { name: "a wait and a line of spaces", markdown: line("wait 5" + fill(" ", size) + "minutes") },
    { name: "optional openers never closed", markdown: `## Checklist\n\n- [ ] ${fill("(optional ", size)}x\n` },
    { name: "heredocs on one line", markdown: "## Deploy\n\n```bash\n" + fill("cat <<A ", size) + "\n```\n" },
    { name: "a continuation after a line of spaces", markdown: "## Deploy\n\n```bash\necho" + fill(" ", size) + "\\\nx\n```\n" },
    { name: "owner openers never closed", markdown: `## Checklist\n\n- [ ] ${fill("(owner ", size)}x\n` },
    { name: "words between spaces", markdown: line(fill("a" + " ".repeat(1000), size) + "x") },
    { name: "spaces then a word in a list item", markdown: `## Checklist\n\n- [ ] a${fill(" ", size)}b\n` },
    { name: "tabs in a bash block", markdown: `## Deploy\n\n\`\`\`bash\necho start${fill("\t", size)}x\n\`\`\`\n` },
    { name: "spaces in a console block", markdown: `## Deploy\n\n\`\`\`console\n$ echo start${fill(" ", size)}x\n\`\`\`\n` },
    { name: "canary sequences on every line", markdown: "## Canary\n\n" + fill("traffic 10% -> 50%\n", size) },
    { name: "bake phrases on every line", markdown: "## Canary 10% -> 50% traffic\n\n" + fill("wait for 5 minutes\n", size) },
    { name: "percent signs and arrows", markdown: line(fill("10% -> ", size) + "x") },
    { name: "digits and percent signs", markdown: line(fill("1 % ", size) + "of") },
    { name: "loop words", markdown: `## Canary\n\n\`\`\`bash\nfor w in ${fill("1 ", size)}x\n\`\`\`\n` },
    { name: "bake words", markdown: line(fill("monitor ", size) + "for") },
    { name: "thousands of (", markdown: line(fill("(", size)) },
    { name: "thousands of [", markdown: line(fill("[", size)) },
    { name: "thousands of [x](", markdown: line(fill("[x](", size)) },
    { name: "thousands of <a", markdown: line(fill("<a ", size)) },
    { name: "thousands of <a href", markdown: `<div>\n${fill('<a href="x" ', size)}\n</div>\n` },
    { name: "an HTML block of <", markdown: `<details>\n${fill("<", size)}\n</details>\n` },
    { name: "an HTML comment never closed", markdown: `<!--\n${fill("<!-- ", size)}\n` },
    { name: "an HTML block of tags never closed", markdown: `<details>\n${fill("<b", size)}\n` },
    { name: "thousands of **", markdown: line(fill("**", size)) },
    { name: "thousands of ** with words", markdown: line(fill("**a ", size)) },
    { name: "thousands of _", markdown: line(fill("_a", size)) },
    { name: "thousands of backticks", markdown: line(fill("`", size)) },
    {
      name: "backtick runs of growing length",
      markdown: line(
        Array.from({ length: 400 }, (_, i) => "`".repeat(i + 1) + " a ")
          .join("")
          .slice(0, size),
      ),
    },
    { name: "deep block quotes", markdown: fill("> ", size) + "- [ ] deep\n" },
    { name: "deep lists", markdown: fill("- ", size) + "[ ] deep\n" },
    {
      name: "deep indented lists",
      markdown: Array.from({ length: 2000 }, (_, i) => " ".repeat(i * 2) + "- [ ] item")
        .join("\n")
        .slice(0, size),
    },
    { name: "many tiny tasks", markdown: "## Checklist\n\n" + fill("- [ ] a\n", size) },
    { name: "many headings with shares", markdown: fill("## Canary 5% traffic\nwait 1 minute between\n", size) },
    { name: "many list items with shares", markdown: "## Rollout\n\n" + fill("- Day 1: 5% of users\n", size) },
    { name: "a huge table", markdown: "| a | b | c |\n|---|---|---|\n" + fill("| 1 | 2 | 3 |\n", size) },
    { name: "a wide table", markdown: "|" + fill(" a |", size / 2) + "\n|" + fill("---|", size / 2) + "\n" },
    { name: "a table of pipes", markdown: "| a |\n|---|\n" + fill("|", size) + "\n" },
    { name: "many weight commands", markdown: "## Canary 10% -> 50% traffic\n\n```bash\n" + fill("kubectl set weight=10 \\\n", size) + "x\n```\n" },
    { name: "a bash block of quotes", markdown: "## Deploy\n\n```bash\n" + fill("echo \"'", size) + "\n```\n" },
    { name: "a bash block of backslashes", markdown: "## Deploy\n\n```bash\n" + fill("a \\\n", size) + "\n```\n" },
    { name: "a bash block of heredocs", markdown: "## Deploy\n\n```bash\n" + fill("cat <<EOF\n", size) + "\n```\n" },
    { name: "a bash block of SQL", markdown: "## Deploy\n\n```bash\n" + fill("SELECT 1\n", size) + "\n```\n" },
    { name: "curl with many headers", markdown: "## Smoke\n\n```bash\ncurl " + fill("-H 'a: b' ", size) + "https://x\n# Expected: 200\n```\n" },
    { name: "fences never closed", markdown: fill("```\n", size) },
    { name: "many front-matter-like lines", markdown: "---\n" + fill("a: b\n", size) },
    { name: "mojibake", markdown: line(fill("âœ… ", size)) },
    { name: "links and images", markdown: line(fill("![a](b) [c](d) ", size)) },
    { name: "autolinks never closed", markdown: line(fill("<http://", size)) },
    { name: "entities", markdown: line(fill("&amp;&#", size)) },
  ];
}

/** The document that held the web process longest before the parser became linear (30 s for 160 KB). */
export function worstDocument(size = 160 * KB): PathologicalDocument {
  return { name: "one line of spaces in a bash block", markdown: `## Deploy\n\n\`\`\`bash\necho start${fill(" ", size)}x\n\`\`\`\n` };
}
