// GET /api/templates/:id - one template with phases, items and procedures (signed in)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { getTemplate } from "@/lib/server/templates/get-template";

export const GET = route({ roles: SIGNED_IN, params: z.object({ id: z.uuid() }) }, ({ params }) => getTemplate(params.id));
