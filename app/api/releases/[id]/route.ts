// GET /api/releases/:id - the whole plan with live checklist state (signed in)
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { getReleaseFresh } from "@/lib/server/releases/release-cache";

export const GET = route({ roles: SIGNED_IN, params: ZReleaseParams }, ({ params }) => getReleaseFresh(params.id));
