import "server-only";
import type { TSaveTemplateNotes, TTemplateNotesSaved } from "@/lib/schemas/notes";
import { withTemplateVersion } from "@/lib/templates/edit/with-template-version";

/** The release notes a new release of this template starts with (409 when `version` is stale). */
export async function saveTemplateNotes(templateId: string, input: TSaveTemplateNotes): Promise<TTemplateNotesSaved> {
  return withTemplateVersion(templateId, input.version, async (tx) => {
    await tx.template.update({ where: { id: templateId }, data: { notes: input.sections } });
    return { sections: input.sections };
  });
}
