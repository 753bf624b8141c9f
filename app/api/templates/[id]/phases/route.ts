// POST /api/templates/:id/phases - add a phase, timed in words ("T-2d", "T+30m") or untimed, with the template's version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZAddPhase, ZTemplateParams, ZTemplatePhaseEdit } from "@/lib/schemas/template-edit";
import { addTemplatePhase } from "@/lib/templates/edit/template-plan-edits";

export const POST = route({ roles: MANAGERS, params: ZTemplateParams, body: ZAddPhase, response: ZTemplatePhaseEdit, status: 201 }, ({ params, body }) =>
  addTemplatePhase(params.id, body),
);
