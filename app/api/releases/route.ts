// GET /api/releases - list releases (signed in); POST /api/releases - create one from a template (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS, SIGNED_IN } from "@/lib/auth/roles";
import { ZCreateRelease, ZReleaseList, ZReleaseListQuery, ZReleaseView } from "@/lib/schemas/release";
import { createRelease } from "@/lib/releases/create-release";
import { listReleases } from "@/lib/releases/list-releases";

export const GET = route({ roles: SIGNED_IN, query: ZReleaseListQuery, response: ZReleaseList }, ({ query }) => listReleases(query));

export const POST = route({ roles: MANAGERS, body: ZCreateRelease, status: 201, response: ZReleaseView }, ({ body, caller }) => createRelease(body, caller));
