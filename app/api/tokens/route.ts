// GET, POST /api/tokens - my API tokens (an admin's `?all=1`: everyone's); make one, shown once (signed in)
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZCreatedToken, ZCreateToken, ZTokenList, ZTokenListQuery } from "@/lib/schemas/token";
import { createToken, listTokens } from "@/lib/tokens/manage-tokens";

export const GET = route({ roles: SIGNED_IN, query: ZTokenListQuery, response: ZTokenList }, ({ query, caller }) => listTokens(caller, query.all === "1"));

export const POST = route({ roles: SIGNED_IN, scope: "admin", body: ZCreateToken, status: 201, response: ZCreatedToken }, ({ body, caller }) =>
  createToken(body, caller),
);
