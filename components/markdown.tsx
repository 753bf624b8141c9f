// Markdown to React without HTML, through the same parser as the runbook import (markdown-it, CommonMark + GFM
// tables, strikethrough, task items, bare URLs as links): the mdast is walked and each node kind we know becomes an element. Raw HTML
// in the source is shown as text, links keep only http(s) and mailto targets, images become links. Nothing is
// ever handed to dangerouslySetInnerHTML.
import type { Nodes, Root } from "mdast";
import type { ReactNode } from "react";
import { markdownTree } from "@/lib/runbook/markdown-tree";

export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url, "https://relative.invalid");
    if (parsed.origin === "https://relative.invalid") return null;
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

function children(node: { children?: Nodes[] }, key: string): ReactNode[] {
  return (node.children ?? []).map((c, i) => render(c, `${key}.${i}`));
}

function render(node: Nodes, key: string): ReactNode {
  switch (node.type) {
    case "root":
      return children(node, key);
    case "paragraph":
      return <p key={key}>{children(node, key)}</p>;
    case "heading": {
      // Headings inside a section sit below the section's own title.
      const Tag = (["h3", "h4", "h5", "h6", "h6", "h6"] as const)[node.depth - 1];
      return <Tag key={key}>{children(node, key)}</Tag>;
    }
    case "text":
      return node.value;
    case "emphasis":
      return <em key={key}>{children(node, key)}</em>;
    case "strong":
      return <strong key={key}>{children(node, key)}</strong>;
    case "delete":
      return <del key={key}>{children(node, key)}</del>;
    case "inlineCode":
      return <code key={key}>{node.value}</code>;
    case "code":
      return (
        <pre key={key}>
          <code>{node.value}</code>
        </pre>
      );
    case "blockquote":
      return <blockquote key={key}>{children(node, key)}</blockquote>;
    case "list":
      return node.ordered ? (
        <ol key={key} start={node.start ?? undefined}>
          {children(node, key)}
        </ol>
      ) : (
        <ul key={key}>{children(node, key)}</ul>
      );
    case "listItem":
      return (
        <li key={key}>
          {node.checked === true ? "☑ " : node.checked === false ? "☐ " : null}
          {(node.children ?? []).map((c, i) =>
            c.type === "paragraph" && node.spread === false ? <span key={i}>{children(c, `${key}.${i}`)}</span> : render(c, `${key}.${i}`),
          )}
        </li>
      );
    case "thematicBreak":
      return <hr key={key} />;
    case "break":
      return <br key={key} />;
    case "link": {
      const href = safeHref(node.url);
      return href ? (
        <a key={key} href={href} rel="noopener noreferrer nofollow" target="_blank">
          {children(node, key)}
        </a>
      ) : (
        <span key={key}>{children(node, key)}</span>
      );
    }
    case "image": {
      const href = safeHref(node.url);
      return href ? (
        <a key={key} href={href} rel="noopener noreferrer nofollow" target="_blank">
          {node.alt || href}
        </a>
      ) : (
        node.alt
      );
    }
    case "table":
      return (
        <table key={key}>
          <tbody>{children(node, key)}</tbody>
        </table>
      );
    case "tableRow":
      return <tr key={key}>{children(node, key)}</tr>;
    case "tableCell":
      return <td key={key}>{children(node, key)}</td>;
    case "html":
      return node.value;
    default:
      return "children" in node ? children(node as { children: Nodes[] }, key) : "value" in node ? String((node as { value: unknown }).value) : null;
  }
}

export function parseMarkdown(text: string): Root {
  return markdownTree(text, { linkify: true });
}

export function Markdown({ text, className = "" }: { text: string; className?: string }) {
  return <div className={`markdown ${className}`}>{render(parseMarkdown(text), "m")}</div>;
}

/** One line of Markdown (an item's text): links and emphasis rendered, no paragraph around it. */
export function InlineMarkdown({ text, className = "" }: { text: string; className?: string }) {
  const root = parseMarkdown(text);
  const only = root.children.length === 1 && root.children[0].type === "paragraph" ? root.children[0] : null;
  return <span className={className}>{only ? children(only, "i") : render(root, "i")}</span>;
}
