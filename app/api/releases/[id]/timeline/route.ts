// GET /api/releases/:id/timeline - decisions with comments and phase progress, for stakeholders (signed in)
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { getTimeline } from "@/lib/server/timeline/get-timeline";

export const GET = route({ roles: SIGNED_IN, params: ZReleaseParams }, ({ params }) => getTimeline(params.id));
