import type { Root } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { limitNesting } from "@/lib/runbook/limit-nesting";
import { repairMojibake } from "@/lib/runbook/mojibake";

// Markdown text -> mdast (CommonMark + GFM tables and task lists, front matter when there is some).

const processor = unified().use(remarkParse).use(remarkGfm);
const frontMatterProcessor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ["yaml", "toml"]);
const FRONT_MATTER = /^(---|\+\+\+)[ \t]*\n((?:[^\n]*\n){0,200}?)\1[ \t]*(\n|$)/;
const TASK_LINE = /^\s*([-*+]|\d+\.)\s+\[[ xX]\]/;
const YAML_LINE = /^([\w"'.-][^:=]*[:=]|\s|-\s|#|\[)|^$/;

/**
 * Front matter only when the block is closed and reads like YAML/TOML: remark-frontmatter would
 * otherwise swallow a document that merely starts with a `---` rule, task items and all.
 */
function hasFrontMatter(text: string): boolean {
  const match = FRONT_MATTER.exec(text);
  const lines = match === null ? [] : match[2].split("\n");
  return match !== null && lines.every((line) => YAML_LINE.test(line) && !TASK_LINE.test(line));
}

export function parseMarkdown(text: string): Root {
  return (hasFrontMatter(text) ? frontMatterProcessor : processor).parse(text);
}

/** BOM and Windows/old-Mac line endings removed, mojibake repaired, absurd nesting flattened. */
export function normaliseMarkdown(markdown: string): string {
  return limitNesting(repairMojibake(markdown.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n")));
}
