import type { Nodes, Parent, PhrasingContent, Root } from "mdast";
import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import { reachedLine } from "@/lib/runbook/progress";

// markdown-it tokens -> the part of mdast the runbook walker reads (headings, paragraphs, lists, code, tables,
// HTML, block quotes, and inline text, emphasis, code and links). markdown-it parses CommonMark + GFM tables and
// strikethrough in linear time (about 0.25 s for 1 MB, where micromark took 1.5 s and grew faster than linearly).
// Task-list items get `checked` as GFM defines them (markTask); markdown-text.ts still reads the rarer `- [ ]`
// alone. Positions carry the start line (and that line's offset).

const md = new MarkdownIt({ html: true, linkify: false });
// Its "normalize" rule rewrites line endings (normaliseMarkdown already did) and NUL characters (done below, only
// when there are any): skipping it saves a copy of the whole text.
md.core.ruler.disable(["normalize"]);
// Progress for the import's time budget (progress.ts): the line of each block as it is read, then of each inline
// run as it is parsed (markdown-it's own "inline" rule, with the report added).
md.block.ruler.before("table", "progress", (state, startLine) => {
  reachedLine(startLine + 1);
  return false;
});
md.core.ruler.at("inline", (state) => {
  for (const token of state.tokens) {
    if (token.type !== "inline") continue;
    reachedLine((token.map?.[0] ?? 0) + 1);
    state.md.inline.parse(token.content, state.md, state.env, token.children ?? (token.children = []));
  }
});
// Release notes and other prose shown on the pages: bare URLs become links too (GFM's autolink literals).
const prose = new MarkdownIt({ html: true, linkify: true });

type Position = NonNullable<Nodes["position"]>;

/** `linkify` turns bare URLs into links (for rendering prose; the runbook import keeps the text as written). */
export function markdownTree(input: string, { linkify = false }: { linkify?: boolean } = {}): Root {
  const text = input.includes("\0") ? input.replace(/\0/g, "\uFFFD") : input;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  // One position object per line, shared by the nodes that start on it (nothing changes a position).
  const positions: (Position | undefined)[] = new Array<Position | undefined>(lineStarts.length + 1).fill(undefined);
  const position = (token: Token): Position => {
    const line = (token.map?.[0] ?? 0) + 1;
    return (positions[line] ??= { start: { line, column: 1, offset: lineStarts[line - 1] ?? 0 }, end: { line, column: 1 } });
  };

  const root: Root = { type: "root", children: [] };
  // Every opening token pushes onto `opened` whether it made a node (thead/tbody wrappers and anything new do not):
  // its closing token pops that, and the node with it. markdown-it's opening and closing tokens always pair up.
  const stack: (Parent & Nodes)[] = [root];
  const opened: boolean[] = [];
  const add = (node: Nodes) => (stack[stack.length - 1].children as Nodes[]).push(node);
  const open = (node: Parent & Nodes) => {
    add(node);
    stack.push(node);
    opened.push(true);
  };

  for (const token of (linkify ? prose : md).parse(text, {})) {
    if (token.nesting === -1) {
      if (opened.pop()) stack.pop();
      continue;
    }
    const pos = position(token);
    switch (token.type) {
      case "heading_open":
        open({ type: "heading", depth: Number(token.tag.slice(1)) as 1, children: [], position: pos });
        break;
      case "paragraph_open":
        open({ type: "paragraph", children: [], position: pos });
        break;
      case "bullet_list_open":
      case "ordered_list_open":
        open({ type: "list", ordered: token.type === "ordered_list_open", spread: false, children: [], position: pos });
        break;
      case "list_item_open":
        open({ type: "listItem", spread: false, children: [], position: pos });
        break;
      case "blockquote_open":
        open({ type: "blockquote", children: [], position: pos });
        break;
      case "table_open":
        open({ type: "table", children: [], position: pos });
        break;
      case "tr_open":
        open({ type: "tableRow", children: [], position: pos });
        break;
      case "th_open":
      case "td_open":
        open({ type: "tableCell", children: [], position: pos });
        break;
      case "fence": {
        const [lang, ...meta] = token.info.trim().split(/\s+/);
        add({ type: "code", lang: lang || null, meta: meta.join(" ") || null, value: withoutFinalNewline(token.content), position: pos });
        break;
      }
      case "code_block":
        add({ type: "code", lang: null, meta: null, value: withoutFinalNewline(token.content), position: pos });
        break;
      case "html_block":
        add({ type: "html", value: withoutFinalNewline(token.content), position: pos });
        break;
      case "hr":
        add({ type: "thematicBreak", position: pos });
        break;
      case "inline": {
        const children = inlineNodes(token.children ?? []);
        markTask(stack, children);
        for (const child of children) (stack[stack.length - 1].children as PhrasingContent[]).push(child); // no spread: 100k arguments overflow the stack
        break;
      }
      default:
        // thead/tbody wrappers and anything new: their children land in the enclosing node.
        if (token.nesting === 1) opened.push(false);
        break;
    }
  }
  return root;
}

const TASK_MARKER = /^\[([ xX])\][ \t]+/;

/** GFM task items: `[ ]` / `[x]` and a space opening a list item's first paragraph set `checked`, marker removed. */
function markTask(stack: (Parent & Nodes)[], children: PhrasingContent[]): void {
  const paragraph = stack[stack.length - 1];
  const item = stack[stack.length - 2];
  const first = children[0];
  if (paragraph?.type !== "paragraph" || item?.type !== "listItem" || item.children[0] !== paragraph || first?.type !== "text") return;
  const marker = TASK_MARKER.exec(first.value);
  const rest = first.value.slice(marker?.[0].length ?? 0);
  if (!marker || (rest.trim() === "" && children.length === 1)) return;
  item.checked = marker[1] !== " ";
  if (rest === "") children.shift();
  else first.value = rest;
}

function withoutFinalNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

function inlineNodes(tokens: Token[]): PhrasingContent[] {
  const top: PhrasingContent[] = [];
  // As in markdownTree: what each opening token made, so its closing token knows whether to pop.
  const stack: (PhrasingContent & Parent)[] = [];
  const opened: boolean[] = [];
  const add = (node: PhrasingContent) => (stack.length ? (stack[stack.length - 1].children as PhrasingContent[]) : top).push(node);
  const open = (node: PhrasingContent & Parent) => {
    add(node);
    stack.push(node);
    opened.push(true);
  };
  for (const token of tokens) {
    switch (token.type) {
      case "text":
        // markdown-it leaves empty text tokens where emphasis delimiters were; mdast has none.
        if (token.content !== "") add({ type: "text", value: token.content });
        break;
      case "code_inline":
        add({ type: "inlineCode", value: token.content });
        break;
      case "softbreak":
        add({ type: "text", value: "\n" });
        break;
      case "hardbreak":
        add({ type: "break" });
        break;
      case "html_inline":
        add({ type: "html", value: token.content });
        break;
      case "image":
        add({ type: "image", url: token.attrGet("src") ?? "", alt: token.content });
        break;
      case "strong_open":
        open({ type: "strong", children: [] });
        break;
      case "em_open":
        open({ type: "emphasis", children: [] });
        break;
      case "s_open":
        open({ type: "delete", children: [] });
        break;
      case "link_open":
        open({ type: "link", url: token.attrGet("href") ?? "", children: [] });
        break;
      default:
        if (token.nesting === -1) {
          if (opened.pop()) stack.pop();
        } else if (token.nesting === 1) opened.push(false);
        else if (token.content) add({ type: "text", value: token.content });
    }
  }
  return top;
}
