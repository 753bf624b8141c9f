// POST /api/runs/:runId/steps/:stepId/(retry|skip|continue|pause|resume|promote-to-full) - go on after a stopped step, past a gate, or drive a canary's bake; gated like starting the run except pause (release manager, the environment's deployers)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZRunStepParams, ZStepActionBody, ZStepActionDone } from "@/lib/schemas/run";
import { stepAction } from "@/lib/runs/step-action";

export const POST = route(
  { roles: MANAGERS, scope: "run", params: ZRunStepParams, body: ZStepActionBody, bodyOptional: true, response: ZStepActionDone },
  ({ params, body, caller }) => stepAction(params.runId, params.stepId, params.action, caller, body),
);
