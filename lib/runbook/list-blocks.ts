import type { List, ListItem, Nodes } from "mdast";
import { inlineText, listItemOwnText, taskState } from "@/lib/runbook/markdown-text";

// What the runbook walk asks about a list: its tasks, the plain sub-bullets an item takes as details, tables of
// contents, lists of links, and how many blocks a list holds (for the import's coverage).

export function hasTaskDescendant(item: ListItem): boolean {
  const stack: Nodes[] = [...item.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "listItem" && taskState(node)) return true;
    if ("children" in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  return false;
}

/**
 * The plain (not task, not numbered) bullets under an item, one per line and indented by depth: what the
 * runbook says about the item ("- All endpoints documented"). Nested tasks are items of their own.
 */
export function subBullets(item: ListItem, depth = 0): string[] {
  const lines: string[] = [];
  for (const child of item.children) {
    if (child.type !== "list" || child.ordered) continue;
    for (const sub of child.children) {
      if (taskState(sub) || hasTaskDescendant(sub)) continue;
      const text = listItemOwnText(sub);
      if (text !== "") lines.push(`${"  ".repeat(depth)}- ${text}`);
      for (const line of subBullets(sub, depth + 1)) lines.push(line);
    }
  }
  return lines;
}

/** The entries of a table of contents, nested ones indented under theirs. */
export function tocLines(list: List, depth = 0): string[] {
  const lines: string[] = [];
  for (const item of list.children) {
    lines.push(`${"  ".repeat(depth)}${listItemOwnText(item)}`);
    for (const child of item.children) if (child.type === "list") for (const line of tocLines(child, depth + 1)) lines.push(line);
  }
  return lines;
}

/** List items in a list and the lists under them. */
export function countItems(list: List): number {
  let n = 0;
  const stack: Nodes[] = [list];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === "listItem") n++;
    if ("children" in node) for (const child of node.children as Nodes[]) stack.push(child);
  }
  return n;
}

/** `- text` with its details indented under it. */
export function noteLines(text: string, details: string): string {
  const lines = [`- ${text}`];
  for (const line of details.split("\n")) if (line !== "") lines.push(`  ${line}`);
  return lines.join("\n");
}

/** A plain list whose items are each one link and nothing else: [text, url] rows, else null. */
export function linkRows(list: List): [string, string][] | null {
  const rows: [string, string][] = [];
  for (const item of list.children) {
    const [paragraph, ...rest] = item.children;
    if (paragraph?.type !== "paragraph" || rest.length > 0 || typeof item.checked === "boolean") return null;
    const parts = paragraph.children.filter((c) => !(c.type === "text" && /^[\s:,.;-]*$/.test(c.value)));
    const link = parts[0];
    if (parts.length !== 1 || link.type !== "link" || link.url.startsWith("#") || link.url === "") return null;
    rows.push([inlineText(link) || link.url, link.url]);
  }
  return rows.length > 0 ? rows : null;
}

/** A list whose items are only links to sections of this document. */
export function isTableOfContents(list: List): boolean {
  return list.children.every((item) => {
    const [paragraph, ...rest] = item.children;
    if (paragraph?.type !== "paragraph") return false;
    const links = paragraph.children.filter((c) => !(c.type === "text" && c.value.trim() === ""));
    const onlyLink = links.length === 1 && links[0].type === "link" && links[0].url.startsWith("#");
    return onlyLink && rest.every((child) => child.type === "list" && isTableOfContents(child));
  });
}
