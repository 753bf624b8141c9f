// POST /api/runs/:runId/steps/:stepId/(retry|skip|continue) - go on after an interrupted or failed step, or past a gate; gated like starting the run (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZRunStepParams, ZStepActionBody, ZStepActionDone } from "@/lib/schemas/run";
import { stepAction } from "@/lib/runs/step-action";

export const POST = route(
  { roles: MANAGERS, scope: "run", params: ZRunStepParams, body: ZStepActionBody, bodyOptional: true, response: ZStepActionDone },
  ({ params, body, caller }) => stepAction(params.runId, params.stepId, params.action, caller, body),
);
