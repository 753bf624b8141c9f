// An environment's allowed hosts: set by an admin through the API, checked by the worker before an http or watch
// step sends anything (lib/environments/allowed-hosts.ts).
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as createRoute } from "@/app/api/environments/route";
import { PATCH as patchRoute } from "@/app/api/environments/[name]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { TEnvironmentView } from "@/lib/schemas/environment";
import { startRun } from "@/lib/runs/start-run";
import { callRoute } from "@/test/call-route";
import { createCaller, uid } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";

let worker: ReturnType<typeof startInProcessWorker>;
let server: Server;
let base = "";
let hits = 0;
beforeAll(async () => {
  worker = startInProcessWorker(2);
  server = createServer((_req, res) => (hits++, res.writeHead(200).end("ok")));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await worker.stop();
  server.close();
});

describe("an environment's allowed hosts", () => {
  it("are set by an admin, normalised, and refuse what is not a host", async () => {
    const admin = await createCaller("admin");
    const token = await createApiToken(admin.id, "test");
    const name = `hosts-${uid()}`;
    const created = await callRoute(
      createRoute,
      "/api/environments",
      {},
      { method: "POST", token, body: { name, protection: { allowedHosts: ["API.Example.com.", "*.internal", "api.example.com"] } } },
    );
    expect(created.status).toBe(201);
    expect(((await created.json()) as TEnvironmentView).protection.allowedHosts).toEqual(["api.example.com", "*.internal"]);
    const bad = await callRoute(
      patchRoute,
      `/api/environments/${name}`,
      { name },
      { method: "PATCH", token, body: { protection: { allowedHosts: ["https://api.example.com/path"] } } },
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("allowedHosts");
  });

  it("stop an http step to another host before it sends anything, and let a listed host through", async () => {
    const manager = await createCaller("manager");
    const admin = await createCaller("admin");
    const token = await createApiToken(admin.id, "test");
    const environment = `hosts-${uid()}`;
    await callRoute(
      createRoute,
      "/api/environments",
      {},
      { method: "POST", token, body: { name: environment, protection: { allowedHosts: ["api.example.com"] } } },
    );
    const check = {
      name: "Smoke",
      kind: "smoke" as const,
      steps: [{ kind: "http" as const, text: "health", request: { method: "GET", url: `${base}/health`, headers: {} }, expect: { status: { anyOf: [200] } } }],
    };

    const refused = await releaseWithProcedures(manager, [check], { environment });
    const run = await waitForRun((await startRun(refused.id, { procedure: "smoke" }, manager)).runId, ["failed", "succeeded"]);
    expect(run.status).toBe("failed");
    expect((run.steps[0].result as { error: string }).error).toBe(
      `${new URL(base).host} is not among the hosts ${environment} allows (its protection's allowed hosts)`,
    );
    expect(hits).toBe(0);

    await callRoute(
      patchRoute,
      `/api/environments/${environment}`,
      { name: environment },
      { method: "PATCH", token, body: { protection: { allowedHosts: ["127.0.0.1"] } } },
    );
    const allowed = await releaseWithProcedures(manager, [check], { environment });
    expect((await waitForRun((await startRun(allowed.id, { procedure: "smoke" }, manager)).runId, ["failed", "succeeded"])).status).toBe("succeeded");
    expect(hits).toBe(1);
  });
});
