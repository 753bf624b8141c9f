// PATCH /api/templates/:id/phases/:phaseId - rename a phase or change its offset from T-0, with the template's version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZTemplatePhaseEdit, ZTemplatePhaseParams, ZUpdatePhase } from "@/lib/schemas/template-edit";
import { updateTemplatePhase } from "@/lib/templates/edit/template-edits";

export const PATCH = route({ roles: MANAGERS, params: ZTemplatePhaseParams, body: ZUpdatePhase, response: ZTemplatePhaseEdit }, ({ params, body }) =>
  updateTemplatePhase(params.id, params.phaseId, body),
);
