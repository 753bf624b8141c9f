import "server-only";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { templateView } from "@/lib/templates/get-template";
import { saveTemplate } from "@/lib/templates/save-template";
import { parseRunbookWithSourceInThread } from "@/lib/templates/parse-in-thread";
import { draftFromRunbook } from "@/lib/templates/runbook-draft";
import type { TImportResult } from "@/lib/schemas/template";

export const MAX_RUNBOOK_BYTES = 1024 * 1024;

/** Text, not a binary file: valid UTF-8 (or Latin-1 by accident, which the parser repairs) without NUL bytes. */
export function decodeRunbook(body: Buffer): string {
  if (body.includes(0)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "The body is not text: send the Markdown runbook itself (Content-Type: text/markdown)");
  const text = new TextDecoder("utf-8", { fatal: false }).decode(body);
  const replaced = (text.match(/\uFFFD/g) ?? []).length;
  if (replaced > 0 && replaced / Math.max(text.length, 1) > 0.01) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "The body is not UTF-8 text: save the runbook as UTF-8 and try again");
  }
  return text.replace(/^\uFEFF/, "");
}

/** Markdown runbook -> a saved template, with what was made and what could not be placed. */
export async function importTemplate(body: Buffer, name: string | undefined, caller: Caller): Promise<TImportResult> {
  const markdown = decodeRunbook(body);
  // Off the request thread, under a time budget: a pathological document answers 422 TOO_COMPLEX, nobody waits.
  const { parsed, source } = await parseRunbookWithSourceInThread(markdown);
  const templateName = name?.trim() || parsed.title || "Imported runbook";
  const saved = await saveTemplate(
    {
      name: templateName.slice(0, 200),
      description: parsed.description,
      ...draftFromRunbook(parsed),
      canaries: parsed.canaries,
      references: parsed.references,
      unplaced: parsed.unplaced,
      coverage: parsed.coverage,
      escalation: parsed.escalation,
      runbook: source,
    },
    caller.id,
  );
  // The credentials the runbook had written out are only named here: their values were replaced before parsing.
  return {
    template: templateView(saved),
    counts: parsed.counts,
    coverage: parsed.coverage,
    warnings: parsed.warnings,
    unplaced: parsed.unplaced,
    credentials: parsed.credentials,
  };
}
