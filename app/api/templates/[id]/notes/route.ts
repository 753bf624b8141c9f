// PUT /api/templates/:id/notes - the default release notes new releases of the template start with (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZSaveTemplateNotes, ZTemplateNotesSaved } from "@/lib/schemas/notes";
import { ZTemplateParams } from "@/lib/schemas/template-edit";
import { saveTemplateNotes } from "@/lib/templates/save-template-notes";

export const PUT = route({ roles: MANAGERS, params: ZTemplateParams, body: ZSaveTemplateNotes, response: ZTemplateNotesSaved }, ({ params, body }) =>
  saveTemplateNotes(params.id, body),
);
