// POST /api/releases/:id/steps - add a step to one of the release's own procedures, with the plan digest you saw; makes standing gos stale (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { ZAddReleaseStep, ZReleaseStepEdit } from "@/lib/schemas/release-plan";
import { addReleaseStep } from "@/lib/plan/release-step-edits";

export const POST = route(
  { roles: MANAGERS, params: ZReleaseParams, body: ZAddReleaseStep, status: 201, response: ZReleaseStepEdit },
  ({ params, body, caller }) => addReleaseStep(params.id, body, caller),
);
