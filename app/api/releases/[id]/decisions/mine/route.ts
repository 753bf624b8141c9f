// DELETE /api/releases/:id/decisions/mine - withdraw my standing go or no-go (signed in)
import { route } from "@/lib/api/route";
import { ZWithdrawnVote } from "@/lib/schemas/decision";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { withdrawDecision } from "@/lib/decisions/withdraw-decision";

export const DELETE = route({ roles: SIGNED_IN, scope: "decide", params: ZReleaseParams, response: ZWithdrawnVote }, ({ params, caller }) =>
  withdrawDecision(params.id, caller),
);
