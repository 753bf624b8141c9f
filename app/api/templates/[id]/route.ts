// GET /api/templates/:id - one template with phases, items and procedures (signed in; viewers see step names, no commands); PATCH - rename it (release manager)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { ZTemplateView } from "@/lib/schemas/template";
import { MANAGERS, SIGNED_IN } from "@/lib/auth/roles";
import { ZRenameTemplate, ZTemplateParams, ZTemplateRenamed } from "@/lib/schemas/template-edit";
import { renameTemplate } from "@/lib/templates/edit/template-edits";
import { getTemplate } from "@/lib/templates/get-template";
import { readAccess, templateFor } from "@/lib/access/read-policy";

export const GET = route({ roles: SIGNED_IN, params: z.object({ id: z.uuid() }), response: ZTemplateView }, async ({ params, caller }) =>
  templateFor(readAccess(caller), await getTemplate(params.id)),
);

// PATCH /api/templates/:id - rename the template, with its version (release manager)
export const PATCH = route({ roles: MANAGERS, params: ZTemplateParams, body: ZRenameTemplate, response: ZTemplateRenamed }, ({ params, body }) =>
  renameTemplate(params.id, body),
);
