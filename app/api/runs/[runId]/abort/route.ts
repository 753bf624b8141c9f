// POST /api/runs/:runId/abort - abort a rollout with a reason: the run stops and ends cancelled, the rollback is offered (release manager, the environment's deployers)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZAbortRun, ZRunAborted, ZRunParams } from "@/lib/schemas/run";
import { abortRun } from "@/lib/runs/abort-run";

export const POST = route({ roles: MANAGERS, scope: "run", params: ZRunParams, body: ZAbortRun, response: ZRunAborted }, ({ params, body, caller }) =>
  abortRun(params.runId, body, caller),
);
