// PATCH /api/templates/:id/phases/:phaseId - rename a phase or re-time it (offset in words, "T-2d", or offsetMinutes), with the template's version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZTemplatePhaseEdit, ZTemplatePhaseParams, ZUpdatePhase } from "@/lib/schemas/template-edit";
import { updateTemplatePhase } from "@/lib/templates/edit/template-edits";

export const PATCH = route({ roles: MANAGERS, params: ZTemplatePhaseParams, body: ZUpdatePhase, response: ZTemplatePhaseEdit }, ({ params, body }) =>
  updateTemplatePhase(params.id, params.phaseId, body),
);
