import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { NOTE_SECTIONS, noteSections, type TSaveNotes } from "@/lib/schemas/notes";
import { lockRelease } from "@/lib/decisions/lock-release";
import { appendEvent } from "@/lib/events/append-event";
import type { TSavedNotes } from "@/lib/schemas/notes";

const STALE = "The release notes were changed by someone else; reload them and apply your edit again";

/** Saves every section under the version the editor saw: 409 when someone saved in between. */
export async function saveNotes(releaseId: string, input: TSaveNotes, caller: Caller): Promise<TSavedNotes> {
  return db().$transaction(async (tx) => {
    await lockRelease(tx, releaseId);
    const current = await tx.releaseNotes.findUnique({ where: { releaseId } });
    if ((current?.version ?? 0) !== input.version) throw new AppError("CONFLICT", STALE, { version: current?.version ?? 0 });
    // The first save is compared with what the editor started from: the template's defaults.
    const before = noteSections(
      current
        ? current.sections
        : (await tx.release.findUniqueOrThrow({ where: { id: releaseId }, select: { template: { select: { notes: true } } } })).template.notes,
    );
    const row = current
      ? await tx.releaseNotes.update({
          where: { releaseId, version: input.version },
          data: { sections: input.sections, version: { increment: 1 }, updatedById: caller.id },
        })
      : await tx.releaseNotes.create({ data: { releaseId, sections: input.sections, updatedById: caller.id } });
    const changed = NOTE_SECTIONS.filter((s) => before[s.key] !== input.sections[s.key]).map((s) => s.key);
    await appendEvent(tx, releaseId, { type: "notes.updated", actorId: caller.id, payload: { version: row.version, changed } });
    return { sections: noteSections(row.sections), version: row.version, updatedAt: row.updatedAt.toISOString(), updatedBy: caller.name };
  });
}
