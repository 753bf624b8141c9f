// PATCH /api/releases/:id/steps/:stepId - change or move a step of the release's own plan; DELETE ?planDigest= - remove it; either makes standing gos stale (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZPlanDigestQuery, ZReleaseStepEdit, ZReleaseStepParams, ZUpdateReleaseStep } from "@/lib/schemas/release-plan";
import { deleteReleaseStep, updateReleaseStep } from "@/lib/plan/release-step-edits";

export const PATCH = route({ roles: MANAGERS, params: ZReleaseStepParams, body: ZUpdateReleaseStep, response: ZReleaseStepEdit }, ({ params, body, caller }) =>
  updateReleaseStep(params.id, params.stepId, body, caller),
);

export const DELETE = route({ roles: MANAGERS, params: ZReleaseStepParams, query: ZPlanDigestQuery, response: ZReleaseStepEdit }, ({ params, query, caller }) =>
  deleteReleaseStep(params.id, params.stepId, query.planDigest, caller),
);
