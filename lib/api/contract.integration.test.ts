// Contract test: real answers of the routes with a response schema (lib/schemas/), read as a client would, parse
// against the schema the API reference publishes. (Outside production the wrapper checks every answer too.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as releaseRoute from "@/app/api/releases/[id]/route";
import * as timelineRoute from "@/app/api/releases/[id]/timeline/route";
import * as runRoute from "@/app/api/runs/[runId]/route";
import * as releasesRoute from "@/app/api/releases/route";
import * as templatesRoute from "@/app/api/templates/route";
import * as waitingRoute from "@/app/api/decisions/waiting/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { ZReleaseList, ZReleaseView } from "@/lib/schemas/release";
import { ZWaitingDecisions } from "@/lib/schemas/decision";
import { ZTemplateList } from "@/lib/schemas/template";
import { ZRunDetail } from "@/lib/schemas/run";
import { ZTimeline } from "@/lib/schemas/timeline";
import { startRun } from "@/lib/runs/start-run";
import { callRoute } from "@/test/call-route";
import { createCaller } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => (worker = startInProcessWorker()));
afterAll(() => worker.stop());

async function answer(handler: unknown, path: string, params: Record<string, string>, token: string, schema: z.ZodType) {
  const res = await callRoute(handler, path, params, { token });
  expect(res.status, path).toBe(200);
  const parsed = schema.safeParse(await res.json());
  expect(parsed.success ? [] : parsed.error.issues, path).toEqual([]);
  return parsed.data;
}

describe("answers match their published schemas", () => {
  it("release, timeline and run, for a manager and a viewer", async () => {
    const manager = await createCaller("manager");
    const viewer = await createCaller("viewer");
    const release = await releaseWithProcedures(manager, [
      { name: "Smoke", kind: "smoke", steps: [{ kind: "command", text: "Say hi", command: "echo contract" }] },
    ]);
    const { runId } = await startRun(release.id, { procedure: "smoke" }, manager);
    await waitForRun(runId, ["succeeded"]);

    for (const caller of [manager, viewer]) {
      const token = await createApiToken(caller.id, "contract");
      await answer(releaseRoute.GET, `/api/releases/${release.id}`, { id: release.id }, token, ZReleaseView);
      await answer(timelineRoute.GET, `/api/releases/${release.id}/timeline`, { id: release.id }, token, ZTimeline);
      const run = (await answer(runRoute.GET, `/api/runs/${runId}`, { runId }, token, ZRunDetail)) as z.output<typeof ZRunDetail>;
      expect(run.steps).toHaveLength(1);
      expect(run.output !== undefined).toBe(caller.role === "manager");
      await answer(releasesRoute.GET, `/api/releases`, {}, token, ZReleaseList);
      await answer(templatesRoute.GET, `/api/templates`, {}, token, ZTemplateList);
    }
    const approver = await createCaller("approver", ["lead"]);
    await answer(waitingRoute.GET, `/api/decisions/waiting`, {}, await createApiToken(approver.id, "contract"), ZWaitingDecisions);
  });
});
