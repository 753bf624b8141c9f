import type { Code, Html, List, ListItem, Nodes, Paragraph, Root, Table } from "mdast";
import { isRequired, ownerRoleOf } from "@/lib/runbook/checklist-item";
import { codeLanguage, isShellBlock } from "@/lib/runbook/code-block";
import { shellBlockSteps } from "@/lib/runbook/code-steps";
import { frontMatterFields, normaliseMarkdown, parseMarkdown } from "@/lib/runbook/markdown-parse";
import { collapseWhitespace, inlineMarkdown, inlineText, listItemMoreText, listItemOwnText, quotedComparison, taskState } from "@/lib/runbook/markdown-text";
import { RunbookBuilder } from "@/lib/runbook/runbook-builder";
import { countItems, hasTaskDescendant, isTableOfContents, linkRows, noteLines, subBullets, tocLines } from "@/lib/runbook/list-blocks";
import { thresholdColumns, tableThresholds } from "@/lib/runbook/thresholds";
import { listThreshold } from "@/lib/runbook/threshold-rules";
import { admonitionText } from "@/lib/runbook/admonition";
import { scheduleColumns, scheduleWhen } from "@/lib/runbook/schedule-dates";
import { recogniseCanaries } from "@/lib/runbook/canary-stages";
import { replaceRunbookCredentials } from "@/lib/runbook/runbook-credentials";
import { reachedLine, withLineOffset } from "@/lib/runbook/progress";
import type { TParsedRunbook } from "@/lib/schemas/runbook";

// Markdown runbook -> phases with checklist items, procedures with steps, thresholds, reference
// tables and whatever could not be placed. Pure, and total: every input gives a result.
//
// - Every task-list item is a checklist item (source "task"), with its own paragraph text and its plain
//   sub-bullets as details; a shell block inside it becomes steps of the section's procedure, described by
//   the item's text.
// - A numbered list item is a checklist item too (source "step"), unless it only leads in to shell
//   blocks that became steps: then its words become those steps' text instead. Numbered lists that
//   are only links to headings of the same document (a table of contents) are kept as unplaced.
// - Non-shell code blocks are kept as unplaced entries (with their language), never dropped.
// - Raw HTML (<details>...) is read as Markdown once its tags are removed; comments are skipped.

type Frame = {
  node: Nodes;
  /** Added to the parser's line numbers: pieces of a big document and re-read HTML start later. */
  lineOffset: number;
  /** Text of the enclosing list item, used to describe steps of a code block inside it. */
  leadIn: string | null;
  ordered: boolean;
  htmlDepth: number;
  /** The text the node was parsed from (for fence detection). */
  source: string;
  /** Inside a plain list an item above already took as its details. */
  inDetails?: boolean;
  next?: Nodes;
};

const MAX_HTML_DEPTH = 2;

function lineOf(node: Nodes, offset: number): number {
  return (node.position?.start.line ?? 1) + offset;
}

function isShellCode(node: Nodes): node is Code {
  return node.type === "code" && isShellBlock(codeLanguage(node.lang), node.value) && node.value.trim() !== "";
}

/** The text of a paragraph made only of bold text ("**Kubernetes Rollback**"), else null. */
function boldParagraphText(paragraph: Paragraph): string | null {
  const parts = paragraph.children.filter((c) => !(c.type === "text" && /^[\s:]*$/.test(c.value)));
  if (parts.length !== 1 || parts[0].type !== "strong") return null;
  return inlineText(parts[0]).replace(/:$/, "");
}

/** `<!-- ... -->` removed, an unclosed one to the end. */
export function withoutComments(html: string): string {
  let out = "";
  let from = 0;
  for (let open = html.indexOf("<!--"); open >= 0; open = html.indexOf("<!--", from)) {
    out += html.slice(from, open);
    const close = html.indexOf("-->", open + 4);
    if (close < 0) return out;
    from = close + 3;
  }
  return out + html.slice(from);
}

const isLetter = (c: string | undefined) => c !== undefined && ((c >= "a" && c <= "z") || (c >= "A" && c <= "Z"));

/**
 * Tags (`<` or `</`, a letter, up to the next `>`) removed; a `<` with no `>` after it stays text. What
 * `.replace(/<\/?[A-Za-z][^>]*>/g, "")` did, in one pass: that regex scanned to the end again from every `<b` of a
 * block that never closes one (quadratic).
 */
export function withoutTags(html: string): string {
  let out = "";
  let from = 0;
  for (let lt = html.indexOf("<"); lt >= 0; lt = html.indexOf("<", lt + 1)) {
    const name = html[lt + 1] === "/" ? lt + 2 : lt + 1;
    if (!isLetter(html[name])) continue;
    const gt = html.indexOf(">", name);
    if (gt < 0) break; // no tag can close after this point
    out += html.slice(from, lt);
    from = gt + 1;
    lt = gt;
  }
  return out + html.slice(from);
}

function codeFirstLine(node: Code, line: number, source: string): number {
  const start = node.position?.start.offset ?? 0;
  return /^\s*(```|~~~)/.test(source.slice(start, start + 8)) ? line + 1 : line;
}

class RunbookWalker {
  private readonly stack: Frame[] = [];

  constructor(readonly builder: RunbookBuilder) {}

  walk(root: Root, source: string, lineOffset: number): void {
    this.pushChildren(root.children as Nodes[], { lineOffset, leadIn: null, ordered: false, htmlDepth: 0, source });
    while (this.stack.length > 0) this.visit(this.stack.pop()!);
  }

  private pushChildren(children: Nodes[], context: Omit<Frame, "node" | "next">): void {
    for (let i = children.length - 1; i >= 0; i--) {
      this.stack.push({ ...context, node: children[i], next: children[i + 1] });
    }
  }

  private visit(frame: Frame): void {
    const { node, lineOffset } = frame;
    const line = lineOf(node, lineOffset);
    reachedLine(line);
    switch (node.type) {
      case "heading":
        this.builder.enterHeading(node.depth, inlineText(node), line);
        return;
      case "paragraph": {
        const text = admonitionText(inlineMarkdown(node));
        if (text === "") return;
        this.builder.countBlocks();
        // "**Option 2: Canary Deployment**" right above a code block names that block's procedure
        const label = boldParagraphText(node);
        this.builder.enterBoldLabel(label ?? "");
        const bold = frame.next?.type === "code" ? label : null;
        if (bold && this.builder.enterPseudoHeading(bold, line)) return;
        // Prose (and blockquotes, admonitions) is a note of its section.
        this.builder.addNote(text, line, "\n\n");
        return;
      }
      case "list":
        return this.visitList(node, frame, line);
      case "listItem":
        return this.visitListItem(node, frame, line);
      case "code":
        return this.visitCode(node, frame, line);
      case "table":
        return this.visitTable(node, line);
      case "html":
        return this.visitHtml(node, frame, line);
      case "yaml":
      case "definition":
      case "thematicBreak":
        return;
      default:
        if ("children" in node) this.pushChildren(node.children as Nodes[], frame);
    }
  }

  private visitList(list: List, frame: Frame, line: number): void {
    if (list.ordered && list.children.length > 0 && isTableOfContents(list)) {
      const text = tocLines(list).join("\n");
      this.builder.countBlocks(countItems(list));
      this.builder.addUnplaced({ line, text, reason: "table of contents (links to sections of this document)" }, countItems(list));
      return;
    }
    if (!frame.inDetails && !list.ordered) {
      const links = linkRows(list);
      if (links) {
        this.builder.countBlocks(links.length);
        return this.builder.addTextReference("links", links.map(([t, u]) => `- [${t}](${u})`).join("\n"), line, { header: ["Link", "URL"], rows: links });
      }
      if (this.builder.inContacts() && !list.children.some((i) => taskState(i) || hasTaskDescendant(i))) {
        const rows = list.children.map((i) => [listItemOwnText(i), ...listItemMoreText(i), ...subBullets(i)]);
        this.builder.countBlocks(countItems(list));
        return this.builder.addTextReference("contacts", rows.map((r) => `- ${r.join(" ")}`).join("\n"), line, { rows });
      }
    }
    this.pushChildren(list.children, { ...frame, ordered: list.ordered ?? false });
  }

  private visitListItem(item: ListItem, frame: Frame, line: number): void {
    const task = taskState(item);
    const text = task ? task.text : listItemOwnText(item);
    const paragraph = item.children.find((c): c is Paragraph => c.type === "paragraph");
    // A loose item: its first paragraph is its text, the further ones and its plain sub-bullets its details.
    const details = [...listItemMoreText(item), ...subBullets(item)].join("\n");
    const addItem = (source: "task" | "step" | "bullet", checked: boolean) =>
      this.builder.addItem({
        text,
        ...(details ? { details } : {}),
        required: isRequired(text),
        ownerRole: ownerRoleOf(text, paragraph),
        checked,
        line,
        source,
      });

    if (text !== "" || details !== "") this.builder.countBlocks();
    // Taken as details by the item above (subBullets): its nested code and tasks are still read below.
    const consumed = frame.inDetails === true && !frame.ordered && !task && !hasTaskDescendant(item);
    // A bullet stating a threshold ("Error rate < 0.1%") is also kept as a structured threshold; a task stays a task.
    const threshold = text && !consumed ? listThreshold(text, this.builder.nearestHeadingText(), line) : null;
    if (threshold) this.builder.addThresholds([threshold]);
    if (text && !consumed) this.builder.noteEscalation(text);
    if (consumed) {
      // placed as the details of the item above
    } else if (task) addItem("task", task.checked);
    else if (frame.ordered && text !== "") {
      const leadsInToSteps = item.children.some(isShellCode) && !hasTaskDescendant(item);
      if (!leadsInToSteps) addItem("step", false);
      else if (details) this.builder.addNote(details, line);
    } else if (text !== "" || details !== "") {
      // Plain bullets are a plan under a phase-like or procedure-like heading, else notes of their section.
      if (this.builder.inPlanSection() || this.builder.inPlaybook()) addItem("bullet", false);
      else this.builder.addNote(noteLines(text, details), line);
    }
    const quoted = quotedComparison(item) !== null;
    const children = item.children.filter((c, i) => c.type !== "paragraph" && !(quoted && i === 0)) as Nodes[];
    this.pushChildren(children, { ...frame, leadIn: text || frame.leadIn, ordered: false, inDetails: true });
  }

  private visitCode(node: Code, frame: Frame, line: number): void {
    if (node.value.trim() === "") return;
    this.builder.countBlocks();
    const lang = codeLanguage(node.lang);
    if (!isShellBlock(lang, node.value)) {
      // Only shell is runnable: configs, zone files, SQL, YAML are kept to read, with their section.
      this.builder.addTextReference("code", node.value, line, { lang: lang || "text" });
      return;
    }
    const firstLine = codeFirstLine(node, line, frame.source);
    const steps = shellBlockSteps(node.value, { lang, leadIn: frame.leadIn, heading: this.builder.nearestHeadingText(), firstLine });
    if (steps.length > 0) this.builder.addSteps(steps, line);
    else this.builder.addTextReference("code", node.value, line, { lang }); // only comments: kept to read
  }

  private visitTable(table: Table, line: number): void {
    this.builder.countBlocks();
    const [head, ...body] = table.children.map((row) => row.children.map((cell) => inlineText(cell)));
    const columns = thresholdColumns(head ?? []);
    const schedule = columns ? null : scheduleColumns(head ?? [], body);
    if (columns) this.builder.addThresholds(tableThresholds(columns, body, line));
    else if (schedule) {
      // A schedule: each row a phase at its date, the other cells its details ("Owner: Release team").
      const rows = body.map((cells) => ({
        when: scheduleWhen(cells[schedule.date] ?? ""),
        milestone: collapseWhitespace(cells[schedule.milestone] ?? "") || collapseWhitespace(cells[schedule.date] ?? ""),
        details: (head ?? [])
          .map((h, i) => (i === schedule.milestone || !cells[i]?.trim() ? "" : `${h || "Column " + (i + 1)}: ${collapseWhitespace(cells[i])}`))
          .filter(Boolean)
          .join("\n"),
      }));
      this.builder.addScheduleRows(rows, line);
    } else this.builder.addReference(head ?? [], body, line);
  }

  /** HTML blocks (<details>, <div>) can swallow Markdown; read it again without the tags. */
  private visitHtml(node: Html, frame: Frame, line: number): void {
    const inner = withoutTags(withoutComments(node.value));
    if (collapseWhitespace(inner) === "") return;
    if (frame.htmlDepth >= MAX_HTML_DEPTH) {
      this.builder.countBlocks();
      this.builder.addUnplaced({ line, text: inner, reason: "HTML nested too deep to read" });
      return;
    }
    const root = withLineOffset(line - 1, () => parseMarkdown(inner));
    this.pushChildren(root.children as Nodes[], {
      lineOffset: line - 1,
      leadIn: frame.leadIn,
      ordered: false,
      htmlDepth: frame.htmlDepth + 1,
      source: inner,
    });
  }
}

export function parseRunbook(markdown: string): TParsedRunbook {
  return parseRunbookWithSource(markdown).parsed;
}

/** The parsed runbook and the Markdown it was read from: normalised, credentials replaced (what may be stored). */
export function parseRunbookWithSource(markdown: string): { parsed: TParsedRunbook; source: string } {
  // Credentials are replaced before anything reads the text, so no step, note or reference can keep one.
  const { markdown: source, credentials } = replaceRunbookCredentials(normaliseMarkdown(markdown));
  const walker = new RunbookWalker(new RunbookBuilder());
  walker.walk(parseMarkdown(source), source, 0);
  walker.builder.addCanaries(recogniseCanaries(source));
  // Front matter names the document better than its first heading does.
  const front = frontMatterFields(source);
  if (front.name !== null || front.description !== null) walker.builder.countBlocks();
  const built = walker.builder.build();
  return { parsed: { ...built, title: front.name ?? built.title, description: front.description, credentials }, source };
}
