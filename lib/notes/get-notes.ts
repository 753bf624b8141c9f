import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { noteSections } from "@/lib/schemas/notes";
import type { TNotesView } from "@/lib/schemas/notes";

/**
 * The release's notes. Before anyone saved them they are the template's defaults (often the rollback notes) at
 * version 0; the first save must send version 0.
 */
export async function getNotes(releaseId: string): Promise<TNotesView> {
  const release = await db().release.findUnique({
    where: { id: releaseId },
    select: { id: true, name: true, version: true, template: { select: { notes: true } }, notes: { include: { updatedBy: { select: { name: true } } } } },
  });
  if (!release) throw new AppError("NOT_FOUND", "Release not found");
  const notes = release.notes;
  return {
    release: { id: release.id, name: release.name, version: release.version },
    sections: noteSections(notes ? notes.sections : release.template.notes),
    version: notes?.version ?? 0,
    updatedAt: notes?.updatedAt.toISOString() ?? null,
    updatedBy: notes?.updatedBy?.name ?? null,
  };
}

export type NotesView = TNotesView;
