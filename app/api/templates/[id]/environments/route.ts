// PUT /api/templates/:id/environments - set the template's default promotion path, with its version (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZSetDefaultPath, ZTemplateDefaultPathSet, ZTemplateParams } from "@/lib/schemas/template-edit";
import { setDefaultPath } from "@/lib/templates/edit/template-pipelines";

export const PUT = route({ roles: MANAGERS, params: ZTemplateParams, body: ZSetDefaultPath, response: ZTemplateDefaultPathSet }, ({ params, body }) =>
  setDefaultPath(params.id, body),
);
