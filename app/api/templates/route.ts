// GET /api/templates - list templates with their counts (signed in)
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZTemplateList } from "@/lib/schemas/template";
import { listTemplates } from "@/lib/templates/list-templates";

export const GET = route({ roles: SIGNED_IN, response: ZTemplateList }, () => listTemplates());
