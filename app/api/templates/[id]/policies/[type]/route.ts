// GET /api/templates/:id/policies/:type - the approval policy in force (signed in); PUT - set it (manager raises the bar; lowering it takes an admin and a reason)
import { route } from "@/lib/api/route";
import { MANAGERS, SIGNED_IN } from "@/lib/auth/roles";
import { ZPolicyParams, ZPolicySaved, ZPolicyView, ZSetPolicy } from "@/lib/schemas/decision";
import { getPolicy } from "@/lib/decisions/get-policy";
import { setPolicy } from "@/lib/decisions/set-policy";

export const GET = route({ roles: SIGNED_IN, params: ZPolicyParams, response: ZPolicyView }, ({ params }) => getPolicy(params.id, params.type));

export const PUT = route({ roles: MANAGERS, params: ZPolicyParams, body: ZSetPolicy, response: ZPolicySaved }, ({ params, body, caller }) =>
  setPolicy(params.id, params.type, body, caller),
);
