// GET /api/releases/:id/plan - the release's own runnable plan with commands, its digest, and what changed since each earlier plan a vote stands on (approver, release manager, admin)
import { route } from "@/lib/api/route";
import { ZReleasePlanView } from "@/lib/schemas/release-plan";
import { ADMINS, MANAGERS } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { getReleasePlan } from "@/lib/plan/get-release-plan";

// Viewers and share links never read command text (docs/api.md): approvers and managers do, they approve and run it.
const PLAN_READERS = [...new Set([...MANAGERS, ...ADMINS, "approver" as const])];

export const GET = route({ roles: PLAN_READERS, params: ZReleaseParams, response: ZReleasePlanView }, ({ params }) => getReleasePlan(params.id));
