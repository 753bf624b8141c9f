// PATCH /api/templates/:id/items/:itemId - edit, mark required, give an owner, move or reorder an item; DELETE ?version= - remove it (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZTemplateDeleted, ZTemplateItemEdit, ZTemplateItemParams, ZUpdateItem, ZVersionQuery } from "@/lib/schemas/template-edit";
import { deleteTemplateItem, updateTemplateItem } from "@/lib/templates/edit/template-item-edits";

export const PATCH = route({ roles: MANAGERS, params: ZTemplateItemParams, body: ZUpdateItem, response: ZTemplateItemEdit }, ({ params, body }) =>
  updateTemplateItem(params.id, params.itemId, body),
);

export const DELETE = route({ roles: MANAGERS, params: ZTemplateItemParams, query: ZVersionQuery, response: ZTemplateDeleted }, ({ params, query }) =>
  deleteTemplateItem(params.id, params.itemId, query.version),
);
