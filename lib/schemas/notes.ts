import { z } from "zod";

/** The sections of a release's notes, in the order they are shown and exported. */
export const NOTE_SECTIONS = [
  { key: "features", title: "Features" },
  { key: "improvements", title: "Improvements" },
  { key: "bugFixes", title: "Bug fixes" },
  { key: "technical", title: "Technical" },
  { key: "breaking", title: "Breaking changes" },
  { key: "knownIssues", title: "Known issues" },
  { key: "rollback", title: "Rollback notes" },
] as const;

export type NoteSectionKey = (typeof NOTE_SECTIONS)[number]["key"];

const ZSection = z.string().max(20_000);

export const ZNoteSections = z
  .object(Object.fromEntries(NOTE_SECTIONS.map((s) => [s.key, ZSection.default("")])) as Record<NoteSectionKey, z.ZodDefault<typeof ZSection>>)
  .strict();
export type TNoteSections = z.output<typeof ZNoteSections>;

/** PUT /api/releases/:id/notes: every section and the version the editor saw (0: nobody has saved notes yet). */
export const ZSaveNotes = z.object({ sections: ZNoteSections, version: z.number().int().min(0) }).strict();
export type TSaveNotes = z.output<typeof ZSaveNotes>;

/** PUT /api/templates/:id/notes: the defaults new releases start with, and the template's version. */
export const ZSaveTemplateNotes = z.object({ sections: ZNoteSections, version: z.number().int().min(1) }).strict();
export type TSaveTemplateNotes = z.output<typeof ZSaveTemplateNotes>;

/** Stored sections (release or template), tolerant of keys from older versions. */
export function noteSections(raw: unknown): TNoteSections {
  const parsed = ZNoteSections.safeParse(
    typeof raw === "object" && raw !== null ? Object.fromEntries(Object.entries(raw).filter(([k]) => NOTE_SECTIONS.some((s) => s.key === k))) : {},
  );
  return parsed.success ? parsed.data : ZNoteSections.parse({});
}

/** The notes as one Markdown document (the download). Empty sections are left out. */
export function notesMarkdown(title: string, sections: TNoteSections): string {
  const parts = NOTE_SECTIONS.filter((s) => sections[s.key].trim()).map((s) => `## ${s.title}\n\n${sections[s.key].trim()}\n`);
  return `# ${title}\n\n${parts.length ? parts.join("\n") : "_No release notes yet._\n"}`;
}

// ---- answers ----

/** GET /api/releases/:id/notes: the sections, the version the next save sends (0 before the first), who saved last. */
export const ZNotesView = z
  .object({
    release: z.object({ id: z.uuid(), name: z.string(), version: z.string() }).strict(),
    sections: ZNoteSections,
    version: z.number().int(),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .strict();
export type TNotesView = z.output<typeof ZNotesView>;

/** PUT /api/releases/:id/notes: what was saved, under its new version. */
export const ZSavedNotes = z.object({ sections: ZNoteSections, version: z.number().int(), updatedAt: z.string(), updatedBy: z.string() }).strict();
export type TSavedNotes = z.output<typeof ZSavedNotes>;

/** PUT /api/templates/:id/notes: the template's default notes and its new version. */
export const ZTemplateNotesSaved = z.object({ sections: ZNoteSections, version: z.number().int() }).strict();
export type TTemplateNotesSaved = z.output<typeof ZTemplateNotesSaved>;
