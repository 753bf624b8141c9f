// PATCH /api/templates/:id/procedures/:procedureId - change a procedure's kind or name, with the template's version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZTemplateProcedureEdit, ZTemplateProcedureParams, ZUpdateProcedure } from "@/lib/schemas/template-edit";
import { updateTemplateProcedure } from "@/lib/templates/edit/template-plan-edits";

export const PATCH = route(
  { roles: MANAGERS, params: ZTemplateProcedureParams, body: ZUpdateProcedure, response: ZTemplateProcedureEdit },
  ({ params, body }) => updateTemplateProcedure(params.id, params.procedureId, body),
);
