// GET /api/releases/:id/timeline - the stakeholder view as JSON: banner, phases, decisions, runs, notes (signed in or share token)
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { ZTimeline } from "@/lib/schemas/timeline";
import { getTimeline } from "@/lib/timeline/get-timeline";

export const GET = route({ roles: SIGNED_IN, share: true, params: ZReleaseParams, response: ZTimeline }, ({ params }) => getTimeline(params.id));
