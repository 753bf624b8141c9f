// PATCH /api/templates/:id/steps/:stepId - change a step's kind, text, command or HTTP expectations, or reorder it; DELETE ?version= - remove it (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZTemplateDeleted, ZTemplateStepEdit, ZTemplateStepParams, ZUpdateStep, ZVersionQuery } from "@/lib/schemas/template-edit";
import { deleteTemplateStep, updateTemplateStep } from "@/lib/templates/edit/template-step-edits";

export const PATCH = route({ roles: MANAGERS, params: ZTemplateStepParams, body: ZUpdateStep, response: ZTemplateStepEdit }, ({ params, body }) =>
  updateTemplateStep(params.id, params.stepId, body),
);

export const DELETE = route({ roles: MANAGERS, params: ZTemplateStepParams, query: ZVersionQuery, response: ZTemplateDeleted }, ({ params, query }) =>
  deleteTemplateStep(params.id, params.stepId, query.version),
);
