// DELETE /api/tokens/:id - revoke an API token: my own, or anyone's (admin)
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZTokenParams, ZTokenSummary } from "@/lib/schemas/token";
import { revokeToken } from "@/lib/tokens/manage-tokens";

export const DELETE = route({ roles: SIGNED_IN, scope: "admin", params: ZTokenParams, response: ZTokenSummary }, ({ params, caller }) =>
  revokeToken(params.id, caller),
);
