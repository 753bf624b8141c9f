// micromark's cost grows faster than linearly with document size (a 1 MB runbook takes tens of
// seconds in one piece), so big documents are parsed in pieces cut where no Markdown block can span
// the cut: before a line that starts a new top-level block after a blank line, outside fenced code
// and HTML comments. Link reference definitions are copied into every piece so links still resolve.

export type MarkdownChunk = { text: string; lineOffset: number };

// Measured on 1 MB of runbook-like Markdown: 4 KB pieces parse fastest; documents of ordinary size are
// parsed whole.
const CHUNK_CHARS = 4_000;
const WHOLE_UP_TO_CHARS = 64_000;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm;

export function splitMarkdown(markdown: string, chunkChars = CHUNK_CHARS, wholeUpTo = WHOLE_UP_TO_CHARS): MarkdownChunk[] {
  if (markdown.length <= wholeUpTo) return [{ text: markdown, lineOffset: 0 }];
  const definitions = (markdown.match(DEFINITION) ?? []).join("\n");
  const suffix = definitions !== "" && definitions.length < 8_000 ? `\n\n${definitions}\n` : "";

  const lines = markdown.split("\n");
  const chunks: MarkdownChunk[] = [];
  let start = 0;
  let size = 0;
  let fence: string | null = null;
  let inComment = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const canCut =
      fence === null && !inComment && i > start && size >= chunkChars && lines[i - 1].trim() === "" && /^[^\s>|]/.test(line);
    if (canCut) {
      chunks.push(piece(lines, start, i, suffix));
      start = i;
      size = 0;
    }
    size += line.length + 1;
    const fenceMatch = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null && fenceMatch && !inComment) fence = fenceMatch[1];
    else if (fence !== null && fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length && line.trim() === fenceMatch[1]) fence = null;
    if (fence === null) {
      const open = line.lastIndexOf("<!--");
      const close = line.lastIndexOf("-->");
      if (open >= 0 && open > close) inComment = true;
      else if (close >= 0) inComment = false;
    }
  }
  chunks.push(piece(lines, start, lines.length, chunks.length > 0 ? suffix : ""));
  return chunks;
}

/** A later piece starts with a blank line so a leading `---` is not read as front matter. */
function piece(lines: string[], start: number, end: number, suffix: string): MarkdownChunk {
  const text = lines.slice(start, end).join("\n") + suffix;
  return start === 0 ? { text, lineOffset: 0 } : { text: `\n${text}`, lineOffset: start - 1 };
}
