import type { Nodes, Paragraph, ListItem } from "mdast";

// Readable text of Markdown nodes: markup stripped, inline code kept as its text, raw HTML tags
// dropped, whitespace collapsed.

const COLLAPSIBLE = /[^\S ]| {2}/;

export function collapseWhitespace(text: string): string {
  // Most texts have single spaces only: no copy for them.
  return (COLLAPSIBLE.test(text) ? text.replace(/\s+/g, " ") : text).trim();
}

/** Text of an inline subtree (iterative, so absurdly deep nesting cannot overflow the stack). */
export function inlineText(node: Nodes): string {
  return textOf(node, false);
}

/**
 * The same, but links keep their URL as Markdown (`[installer test](https://ci/...)`; a bare or autolinked URL stays
 * the URL itself): what an item's text or details show, rendered as a link by the pages (http, https, mailto only).
 */
export function inlineMarkdown(node: Nodes): string {
  return textOf(node, true);
}

function textOf(node: Nodes, keepLinks: boolean): string {
  let out = "";
  const stack: Nodes[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (keepLinks && current.type === "link" && current.url !== "" && !current.url.startsWith("#")) {
      const label = textOf(current, false) || current.url;
      if (label === current.url || `mailto:${label}` === current.url) out += current.url;
      else out += `[${label.replace(/[[\]]/g, "")}](${current.url.replace(/[()\s]/g, encodeURIComponent)})`;
      continue;
    }
    switch (current.type) {
      case "text":
      case "inlineCode":
        out += current.value;
        break;
      case "break":
        out += " ";
        break;
      case "image":
      case "imageReference":
        out += current.alt ?? "";
        break;
      case "html":
      case "footnoteReference":
        break;
      default:
        if ("children" in current) {
          for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as Nodes);
        }
    }
  }
  return collapseWhitespace(out);
}

/** A list item's own text: its first paragraph, links kept (not its further paragraphs, nested lists or code). */
export function listItemOwnText(item: ListItem): string {
  const quoted = quotedComparison(item);
  if (quoted !== null) return quoted;
  const first = item.children.find((child): child is Paragraph => child.type === "paragraph");
  return first ? inlineMarkdown(first) : "";
}

/**
 * `- >10% error rate sustained`: the `>` opens a blockquote inside the item, but the author wrote a comparison. The
 * item's text is then `>` and the quote's first paragraph; null when the item does not start that way.
 */
export function quotedComparison(item: ListItem): string | null {
  const [first] = item.children;
  if (first?.type !== "blockquote" || first.children.length !== 1 || first.children[0].type !== "paragraph") return null;
  const text = inlineMarkdown(first.children[0]);
  return /^=?\s*\d/.test(text) ? `>${text}` : null;
}

/** A loose item's further paragraphs (its details), one per line, links kept. */
export function listItemMoreText(item: ListItem): string[] {
  const paragraphs = item.children.filter((child): child is Paragraph => child.type === "paragraph");
  return paragraphs
    .slice(1)
    .map((p) => inlineMarkdown(p))
    .filter((t) => t !== "");
}

const TASK_MARKER = /^\[([ xX])\](?=\s|$)\s*/;

/**
 * GFM only marks `- [ ] text` as a task when text follows on the same line; `- [ ]` alone or followed
 * by a code block is still clearly a checkbox, so it is read as one.
 */
export function taskState(item: ListItem): { checked: boolean; text: string } | null {
  const text = listItemOwnText(item);
  if (typeof item.checked === "boolean") return { checked: item.checked, text };
  const first = item.children[0];
  if (first?.type !== "paragraph") return null;
  const marker = TASK_MARKER.exec(text);
  if (!marker) return null;
  return { checked: marker[1] !== " ", text: text.slice(marker[0].length) };
}
