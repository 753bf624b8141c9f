// Admonitions read as what they say: GitHub's "> [!WARNING]" and the ":::warning ... :::" fences of Docusaurus,
// VitePress and MkDocs become a "Warning:" note of their section instead of keeping their markers as words.
// ("> **Warning:** ..." already reads that way.)

const KINDS: Record<string, string> = {
  note: "Note",
  info: "Note",
  tip: "Tip",
  hint: "Tip",
  important: "Important",
  warning: "Warning",
  caution: "Caution",
  danger: "Danger",
  attention: "Warning",
};

const GITHUB = /^\\?\[!(\w+)\\?\]\s*/;
const FENCE_OPEN = /^:{3,}[ \t]*(\w+)\s*/;
const FENCE_CLOSE = /(?:^|\s+):{3,}\s*$/;

/** A paragraph's text with its admonition markers read: "[!WARNING] Do not" -> "Warning: Do not"; ":::" alone -> "". */
export function admonitionText(text: string): string {
  const github = GITHUB.exec(text);
  if (github && KINDS[github[1].toLowerCase()]) return `${KINDS[github[1].toLowerCase()]}: ${text.slice(github[0].length)}`.trim();
  let out = text;
  const fence = FENCE_OPEN.exec(out);
  if (fence && KINDS[fence[1].toLowerCase()]) out = `${KINDS[fence[1].toLowerCase()]}: ${out.slice(fence[0].length)}`;
  if (out.endsWith(":::")) out = out.replace(FENCE_CLOSE, "");
  return out.trim();
}
