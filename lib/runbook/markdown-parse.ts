import type { Root } from "mdast";
import { limitNesting } from "@/lib/runbook/limit-nesting";
import { markdownTree } from "@/lib/runbook/markdown-tree";
import { repairMojibake } from "@/lib/runbook/mojibake";

// Markdown text -> mdast (CommonMark + GFM tables, through markdown-it: markdown-tree.ts). Front matter, when
// there is some, is blanked out line for line so line numbers stay right.
const FRONT_MATTER = /^(---|\+\+\+)[ \t]*\n((?:[^\n]*\n){0,200}?)\1[ \t]*(\n|$)/;
const TASK_LINE = /^\s*([-*+]|\d+\.)\s+\[[ xX]\]/;
const YAML_LINE = /^([\w"'.-][^:=]*[:=]|\s|-\s|#|\[)|^$/;

/**
 * Front matter only when the block is closed and reads like YAML/TOML: a document that merely starts with a
 * `---` rule keeps its first lines, task items and all.
 */
function frontMatterLength(text: string): number {
  const match = FRONT_MATTER.exec(text);
  const lines = match === null ? [] : match[2].split("\n");
  return match !== null && lines.every((line) => YAML_LINE.test(line) && !TASK_LINE.test(line)) ? match[0].length : 0;
}

const FIELD = /^(title|name|description|summary)\s*[:=]\s*(.*)$/i;

/** The name and description a document's front matter gives (`title:` or `name:`, `description:` or `summary:`). */
export function frontMatterFields(text: string): { name: string | null; description: string | null; line: number | null } {
  const length = frontMatterLength(text);
  const fields: { name: string | null; description: string | null; line: number | null } = { name: null, description: null, line: length ? 1 : null };
  if (!length) return fields;
  for (const raw of text.slice(0, length).split("\n")) {
    const match = FIELD.exec(raw.trim());
    const value = match?.[2]
      .trim()
      .replace(/^(["'])(.*)\1$/, "$2")
      .trim();
    if (!match || !value || value === "|" || value === ">") continue;
    const key = match[1].toLowerCase();
    if ((key === "title" || key === "name") && fields.name === null) fields.name = value.slice(0, 200);
    if ((key === "description" || key === "summary") && fields.description === null) fields.description = value.slice(0, 2000);
  }
  return fields;
}

export function parseMarkdown(text: string): Root {
  const frontMatter = frontMatterLength(text);
  return markdownTree(frontMatter ? text.slice(0, frontMatter).replace(/[^\n]/g, "") + text.slice(frontMatter) : text);
}

/** BOM and Windows/old-Mac line endings removed, mojibake repaired, absurd nesting flattened. */
export function normaliseMarkdown(markdown: string): string {
  return limitNesting(repairMojibake(markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n")));
}
