// POST /api/templates/:id/steps - add a step (a canary too, in a deploy procedure) to a procedure, with the template's version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZAddStep, ZTemplateParams, ZTemplateStepEdit } from "@/lib/schemas/template-edit";
import { addTemplateStep } from "@/lib/templates/edit/template-step-edits";

export const POST = route({ roles: MANAGERS, params: ZTemplateParams, body: ZAddStep, status: 201, response: ZTemplateStepEdit }, ({ params, body }) =>
  addTemplateStep(params.id, body),
);
