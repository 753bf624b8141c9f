// POST /api/releases/:id/decisions/:decisionId/override - set a standing no-go aside with a reason (admin)
import { route } from "@/lib/api/route";
import { ZDecisionParams, ZOverriddenVote, ZOverrideNoGo } from "@/lib/schemas/decision";
import { overrideNoGo } from "@/lib/decisions/override-no-go";

export const POST = route({ roles: ["admin"], params: ZDecisionParams, body: ZOverrideNoGo, response: ZOverriddenVote }, ({ params, body, caller }) =>
  overrideNoGo(params.id, params.decisionId, body, caller),
);
