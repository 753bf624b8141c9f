// POST /api/releases/:id/cancel - cancel a release that has not been deployed yet (release manager)
import { route } from "@/lib/api/route";
import { ZReleaseDetail } from "@/lib/schemas/release-detail";
import { MANAGERS } from "@/lib/auth/roles";
import { ZCancelRelease, ZReleaseParams } from "@/lib/schemas/release";
import { cancelRelease } from "@/lib/releases/cancel-release";

export const POST = route(
  { roles: MANAGERS, params: ZReleaseParams, body: ZCancelRelease, bodyOptional: true, response: ZReleaseDetail },
  ({ params, body, caller }) => cancelRelease(params.id, body, caller),
);
