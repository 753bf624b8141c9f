// POST /api/templates/:id/procedures - add a procedure (name and kind: deploy, smoke, rollback, verify, custom), with the template's version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZAddProcedure, ZTemplateParams, ZTemplateProcedureEdit } from "@/lib/schemas/template-edit";
import { addTemplateProcedure } from "@/lib/templates/edit/template-plan-edits";

export const POST = route(
  { roles: MANAGERS, params: ZTemplateParams, body: ZAddProcedure, response: ZTemplateProcedureEdit, status: 201 },
  ({ params, body }) => addTemplateProcedure(params.id, body),
);
