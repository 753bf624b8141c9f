// POST /api/releases/:id/runs - start a run of a procedure (deploy is gated by readiness); 202 { runId } (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { ZRunStarted, ZStartRun } from "@/lib/schemas/run";
import { startRun } from "@/lib/runs/start-run";

export const POST = route(
  { roles: MANAGERS, scope: "run", params: ZReleaseParams, body: ZStartRun, status: 202, response: ZRunStarted },
  ({ params, body, caller }) => startRun(params.id, body, caller),
);
