// POST /api/runs/:runId/cancel - cancel a run; its running step's processes are stopped (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZRunCancelled, ZRunParams } from "@/lib/schemas/run";
import { cancelRun } from "@/lib/runs/cancel-run";

export const POST = route({ roles: MANAGERS, scope: "run", params: ZRunParams, response: ZRunCancelled }, ({ params, caller }) =>
  cancelRun(params.runId, caller),
);
