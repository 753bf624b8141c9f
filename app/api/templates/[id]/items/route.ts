// POST /api/templates/:id/items - add a checklist item to a phase, with the template's version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZAddItem, ZTemplateItemEdit, ZTemplateParams } from "@/lib/schemas/template-edit";
import { addTemplateItem } from "@/lib/templates/edit/template-item-edits";

export const POST = route({ roles: MANAGERS, params: ZTemplateParams, body: ZAddItem, status: 201, response: ZTemplateItemEdit }, ({ params, body }) =>
  addTemplateItem(params.id, body),
);
