// GET /api/runs/:runId - a run's steps, statuses and output (signed in; viewers see no command text or output)
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { readAccess } from "@/lib/access/read-policy";
import { ZRunDetail, ZRunParams } from "@/lib/schemas/run";
import { getRun } from "@/lib/runs/get-run";

export const GET = route({ roles: SIGNED_IN, params: ZRunParams, response: ZRunDetail }, ({ params, caller }) =>
  getRun(params.runId, { detail: readAccess(caller) === "plan" }),
);
