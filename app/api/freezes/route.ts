// GET /api/freezes - freeze windows, ?environment= (signed in); POST /api/freezes - add one (admin)
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZCreateFreeze, ZFreezeList, ZFreezeListQuery, ZFreezeView } from "@/lib/schemas/freeze";
import { createFreeze } from "@/lib/freezes/create-freeze";
import { listFreezes } from "@/lib/freezes/list-freezes";

export const GET = route({ roles: SIGNED_IN, query: ZFreezeListQuery, response: ZFreezeList }, ({ query }) => listFreezes(query));

export const POST = route({ roles: ["admin"], body: ZCreateFreeze, status: 201, response: ZFreezeView }, ({ body, caller }) => createFreeze(body, caller));
