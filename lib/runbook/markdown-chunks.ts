// micromark's cost grows faster than linearly with document size (a 1 MB runbook takes tens of
// seconds in one piece), so big documents are parsed in pieces cut where no Markdown block can span
// the cut: before a line that starts a new top-level block after a blank line, outside fenced code
// and HTML comments. Link reference definitions are copied into every piece so links still resolve.

export type MarkdownChunk = { text: string; lineOffset: number };

const CHUNK_CHARS = 16_000;
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$/gm;

export function splitMarkdown(markdown: string, chunkChars = CHUNK_CHARS): MarkdownChunk[] {
  if (markdown.length <= chunkChars * 2) return [{ text: markdown, lineOffset: 0 }];
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
      chunks.push({ text: lines.slice(start, i).join("\n") + suffix, lineOffset: start });
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
  chunks.push({ text: lines.slice(start).join("\n") + (chunks.length > 0 ? suffix : ""), lineOffset: start });
  return chunks;
}
