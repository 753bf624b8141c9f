// Contract test: a real answer of every method of every route file, read as a client would, checked against what
// the route publishes (its `response:` schema, or the media type / 204 it declares; lib/api/answers.ts). A route
// file without a case here fails the last test: add one when you add a route (docs/api.md, "How to add a route").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isSchema, type OtherAnswer } from "@/lib/api/answers";
import type { RouteContract } from "@/lib/api/route";
import { routeModules } from "@/app/api/openapi.json/route-modules";
import * as openApiRoute from "@/app/api/openapi.json/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { callRoute } from "@/test/call-route";
import { createCaller, createReleaseFixture, createTemplateFixture, uid } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";
import { waitFor } from "@/test/wait-for";

const MODULES = [...routeModules, { path: "/api/openapi.json", module: openApiRoute as Record<string, unknown> }];
const covered = new Set<string>();

type Hit = { token?: string; body?: unknown; text?: string; contentType?: string; query?: string; expect?: number };

/**
 * Calls `method` of the route file at `template` (its OpenAPI path) with `params`, and checks the answer against
 * what the route declares for that status. Returns the parsed JSON (or the text).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema checked the shape; each case reads the fields it needs
async function hit(method: string, template: string, params: Record<string, string>, init: Hit = {}): Promise<any> {
  const routeModule = MODULES.find((m) => m.path === template)?.module;
  const handler = routeModule?.[method] as { contract?: RouteContract } | undefined;
  if (!handler?.contract) throw new Error(`no ${method} ${template}`);
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]) + (init.query ? `?${init.query}` : "");
  const stream = isSchema(handler.contract.response) ? false : handler.contract.response.contentType === "text/event-stream";
  const abort = new AbortController();
  const res = await callRoute(handler, path, params, {
    method,
    token: init.token,
    body: init.body,
    text: init.text,
    contentType: init.contentType,
    signal: abort.signal,
  });
  const where = `${method} ${path}`;
  const answers: OtherAnswer[] = [
    isSchema(handler.contract.response)
      ? { status: handler.contract.status ?? 200, description: "", schema: handler.contract.response }
      : handler.contract.response,
    ...(handler.contract.alsoAnswers ?? []),
  ];
  const status = init.expect ?? answers[0].status;
  if (res.status !== status) throw new Error(`${where}: ${res.status} ${await res.text()}`);
  const declared = answers.filter((a) => a.status === status);
  expect(declared.length, `${where} declares ${status}`).toBeGreaterThan(0);
  covered.add(`${method} ${template}`);
  const type = res.headers.get("content-type") ?? "";
  if (stream) {
    // The live tail never ends: the first event is enough, then the client goes away.
    expect(type, where).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    await reader.cancel().catch(() => undefined);
    expect(first, where).toMatch(/^(id|event|data|retry|:)/m);
    return first;
  }
  if (status === 204) {
    expect(await res.text(), where).toBe("");
    return null;
  }
  const answer = declared.find((a) => (a.schema ? type.startsWith("application/json") : a.contentType && type.startsWith(a.contentType)));
  expect(answer, `${where} answered ${type}, which it does not declare`).toBeDefined();
  if (!answer!.schema) return res.text();
  const parsed = answer!.schema.safeParse(await res.json());
  expect(parsed.success ? [] : parsed.error.issues.slice(0, 5), where).toEqual([]);
  return parsed.data;
}

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => (worker = startInProcessWorker()));
afterAll(() => worker.stop());

type Who = { caller: Caller; token: string };
const who = async (role: Caller["role"], groups: string[] = []): Promise<Who> => {
  const caller = await createCaller(role, groups);
  return { caller, token: await createApiToken(caller.id, "contract") };
};

describe("every route answers what it publishes", () => {
  let admin: Who, manager: Who, approver: Who, viewer: Who;
  beforeAll(async () => {
    [admin, manager, approver, viewer] = await Promise.all([who("admin"), who("manager"), who("approver", ["lead"]), who("viewer")]);
  });

  it("health, the reference, calendar feeds and API tokens", async () => {
    await hit("GET", "/api/health", {});
    await hit("GET", "/api/health/live", {});
    const doc = await hit("GET", "/api/openapi.json", {}, { token: viewer.token });
    expect(Object.keys(doc.paths).length).toBe(MODULES.length + 1);
    const link = await hit("POST", "/api/calendar/token", {}, { token: viewer.token });
    expect(await hit("GET", "/api/calendar.ics", {}, { query: `token=${encodeURIComponent(link.token)}` })).toContain("BEGIN:VCALENDAR");

    const made = await hit("POST", "/api/tokens", {}, { token: viewer.token, body: { name: `script ${uid()}`, scopes: ["read"], expiresInDays: 30 } });
    expect(made.token).toEqual(expect.any(String));
    const list = await hit("GET", "/api/tokens", {}, { token: viewer.token });
    expect(list.tokens.map((t: { id: string }) => t.id)).toContain(made.id);
    expect((await hit("DELETE", "/api/tokens/{id}", { id: made.id }, { token: viewer.token })).state).toBe("revoked");
  });

  it("environments, their secrets and audit, and freeze windows", async () => {
    const name = `env-${uid()}`;
    await hit("POST", "/api/environments", {}, { token: admin.token, body: { name, variables: { REGION: "eu" } } });
    await hit("GET", "/api/environments", {}, { token: viewer.token });
    await hit("PATCH", "/api/environments/{name}", { name }, { token: admin.token, body: { position: 7 } });
    await hit("PUT", "/api/environments/{name}/secrets/{key}", { name, key: "DEPLOY_TOKEN" }, { token: admin.token, body: { value: "s3cret-value" } });
    await hit("DELETE", "/api/environments/{name}/secrets/{key}", { name, key: "DEPLOY_TOKEN" }, { token: admin.token });
    const audit = await hit("GET", "/api/audit/environments", {}, { token: admin.token, query: `environment=${name}` });
    expect(audit.events.map((e: { type: string }) => e.type)).toContain("secret.set");

    const startsAt = new Date("2031-03-01T00:00:00Z");
    const freeze = await hit(
      "POST",
      "/api/freezes",
      {},
      {
        token: admin.token,
        body: {
          kind: "one_off",
          environment: name,
          reason: "Contract",
          startsAt: startsAt.toISOString(),
          endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        },
      },
    );
    await hit("GET", "/api/freezes", {}, { token: viewer.token, query: `environment=${name}` });
    await hit("DELETE", "/api/freezes/{id}", { id: freeze.id }, { token: admin.token });
    await hit("DELETE", "/api/environments/{name}", { name }, { token: admin.token });
  });

  it("notification channels, deliveries and subscriptions", async () => {
    const template = await createTemplateFixture();
    const created = await hit(
      "POST",
      "/api/notifications/channels",
      {},
      {
        token: admin.token,
        body: { kind: "json", name: `contract ${uid()}`, url: "http://127.0.0.1:9/none", enabled: false },
      },
    );
    const id = created.channel.id;
    expect(created.signingSecret).toEqual(expect.any(String));
    await hit("GET", "/api/notifications/channels", {}, { token: admin.token });
    await hit("PATCH", "/api/notifications/channels/{id}", { id }, { token: admin.token, body: { name: `renamed ${uid()}` } });
    await hit("POST", "/api/notifications/channels/{id}/rotate-secret", { id }, { token: admin.token });
    const { deliveryId } = await hit("POST", "/api/notifications/channels/{id}/test", { id }, { token: admin.token });
    const log = await hit("GET", "/api/notifications/channels/{id}/deliveries", { id }, { token: admin.token });
    expect(log.deliveries.map((d: { id: string }) => d.id)).toContain(deliveryId);

    const { subscription } = await hit(
      "POST",
      "/api/notifications/subscriptions",
      {},
      {
        token: admin.token,
        body: { channelId: id, templateId: template.id, eventTypes: ["release.cancelled"] },
      },
    );
    await hit("GET", "/api/notifications/subscriptions", {}, { token: admin.token, query: `channelId=${id}` });
    await hit("DELETE", "/api/notifications/subscriptions/{id}", { id: subscription.id }, { token: admin.token });
    await hit("DELETE", "/api/notifications/channels/{id}", { id }, { token: admin.token });
  });

  it("templates: list, one, import, every edit, notes, policies, reminders, schedule", async () => {
    const imported = await hit(
      "POST",
      "/api/templates/import",
      {},
      {
        token: manager.token,
        query: `name=${encodeURIComponent(`Imported ${uid()}`)}`,
        text: "# Launch\n\n## T-1 day\n\n- [ ] Freeze the branch\n\n## Deploy\n\n```bash\necho deploy\n```\n",
        contentType: "text/markdown",
      },
    );
    const id = imported.template.id as string;
    await hit("GET", "/api/templates", {}, { token: viewer.token });
    for (const reader of [manager, viewer]) await hit("GET", "/api/templates/{id}", { id }, { token: reader.token });
    const exported: string = await hit("GET", "/api/templates/{id}/export.md", { id }, { token: viewer.token });
    expect(exported).toContain("Freeze the branch");
    const changed = exported.replace("Freeze the branch", "Freeze the release branch");
    const preview = await hit("POST", "/api/templates/{id}/import", { id }, { token: manager.token, text: changed, contentType: "text/markdown" });
    await hit(
      "POST",
      "/api/templates/{id}/import",
      { id },
      { token: manager.token, text: changed, contentType: "text/markdown", query: `confirm=true&version=${preview.version}` },
    );

    const fixture = await createTemplateFixture();
    const t = await hit("GET", "/api/templates/{id}", { id: fixture.id }, { token: manager.token });
    let version: number = t.version;
    const path = { id: fixture.id };
    version = (await hit("PATCH", "/api/templates/{id}", path, { token: manager.token, body: { name: `Renamed ${uid()}`, version } })).version;
    const phaseId = t.phases[0].id;
    version = (
      await hit("PATCH", "/api/templates/{id}/phases/{phaseId}", { ...path, phaseId }, { token: manager.token, body: { title: "Days before", version } })
    ).version;
    const added = await hit("POST", "/api/templates/{id}/items", path, { token: manager.token, body: { phaseId, text: "Check the dashboards", version } });
    version = added.version;
    const itemId = added.item.id;
    version = (await hit("PATCH", "/api/templates/{id}/items/{itemId}", { ...path, itemId }, { token: manager.token, body: { required: false, version } }))
      .version;
    version = (await hit("DELETE", "/api/templates/{id}/items/{itemId}", { ...path, itemId }, { token: manager.token, query: `version=${version}` })).version;
    const procedureId = t.procedures[0].id;
    const step = await hit("POST", "/api/templates/{id}/steps", path, {
      token: manager.token,
      body: { procedureId, kind: "wait", text: "Let it settle", config: { seconds: 5 }, version },
    });
    version = step.version;
    const stepId = step.step.id;
    version = (
      await hit("PATCH", "/api/templates/{id}/steps/{stepId}", { ...path, stepId }, { token: manager.token, body: { text: "Let it settle a bit", version } })
    ).version;
    version = (await hit("DELETE", "/api/templates/{id}/steps/{stepId}", { ...path, stepId }, { token: manager.token, query: `version=${version}` })).version;
    version = (
      await hit("PUT", "/api/templates/{id}/notes", path, { token: manager.token, body: { sections: { rollback: "Redeploy the last tag" }, version } })
    ).version;
    const plan = await hit("PUT", "/api/templates/{id}/reminders", path, {
      token: manager.token,
      body: { reminders: [{ offsetMinutes: -60, message: "{{release.name}} in an hour" }], version },
    });
    version = plan.version;
    await hit("GET", "/api/templates/{id}/reminders", path, { token: viewer.token });
    const procedure = await hit("POST", "/api/templates/{id}/procedures", path, {
      token: manager.token,
      body: { name: `Verify ${uid()}`, kind: "verify", version },
    });
    version = (
      await hit(
        "PATCH",
        "/api/templates/{id}/procedures/{procedureId}",
        { ...path, procedureId: procedure.procedure.id },
        { token: manager.token, body: { kind: "smoke", version: procedure.version } },
      )
    ).version;
    version = (await hit("POST", "/api/templates/{id}/phases", path, { token: manager.token, body: { title: "After launch", offset: "T+30m", version } }))
      .version;
    version = (
      await hit(
        "PUT",
        "/api/templates/{id}/pipelines/{environment}",
        { ...path, environment: "*" },
        {
          token: manager.token,
          body: { procedureIds: [procedure.procedure.id], version },
        },
      )
    ).version;
    version = (await hit("PUT", "/api/templates/{id}/environments", path, { token: manager.token, body: { environments: [], version } })).version;
    const train = await hit("PUT", "/api/templates/{id}/schedule", path, {
      token: manager.token,
      body: { schedule: { everyWeeks: 2, weekday: 2, time: "10:00", timeZone: "Europe/Berlin", startsOn: "2026-12-01" }, version },
    });
    expect(train.nextTrains.length).toBeGreaterThan(0);

    const policy = await hit("GET", "/api/templates/{id}/policies/{type}", { ...path, type: "hotfix" }, { token: viewer.token });
    const saved = await hit(
      "PUT",
      "/api/templates/{id}/policies/{type}",
      { ...path, type: "hotfix" },
      {
        token: admin.token,
        body: { minGoes: policy.minGoes + 1, groupRules: [], version: policy.version, reason: "Contract test" },
      },
    );
    expect(saved.minGoes).toBe(policy.minGoes + 1);
  });

  it("a release: list, create, view, move, checklist, notes, plan and its edits, share links, audit, timeline, stream", async () => {
    const template = await createTemplateFixture();
    const created = await hit(
      "POST",
      "/api/releases",
      {},
      {
        token: manager.token,
        body: {
          templateId: template.id,
          name: `Contract ${uid()}`,
          version: "2.0.0",
          type: "regular",
          environment: `env-${uid()}`,
          scheduledAt: "2031-01-15T10:00:00Z",
        },
      },
    );
    const path = { id: created.id as string };
    await hit("GET", "/api/releases", {}, { token: viewer.token });
    for (const reader of [manager, viewer]) await hit("GET", "/api/releases/{id}", path, { token: reader.token });
    const moved = await hit("PATCH", "/api/releases/{id}", path, {
      token: manager.token,
      body: { scheduledAt: "2031-01-16T10:00:00Z", revision: created.revision },
    });
    const item = moved.phases[0].items[0];
    await hit(
      "PATCH",
      "/api/releases/{id}/items/{itemId}",
      { ...path, itemId: item.id },
      { token: manager.token, body: { checked: true, version: item.version } },
    );

    const notes = await hit("GET", "/api/releases/{id}/notes", path, { token: viewer.token });
    await hit("PUT", "/api/releases/{id}/notes", path, { token: manager.token, body: { sections: { features: "- Dark mode" }, version: notes.version } });
    expect(await hit("GET", "/api/releases/{id}/notes.md", path, { token: viewer.token })).toContain("Dark mode");

    const plan = await hit("GET", "/api/releases/{id}/plan", path, { token: approver.token });
    const added = await hit("POST", "/api/releases/{id}/steps", path, {
      token: manager.token,
      body: { procedureId: plan.procedures[0].id, kind: "wait", text: "Settle", config: { seconds: 5 }, planDigest: plan.planDigest },
    });
    const stepPath = { ...path, stepId: added.step.id };
    const edited = await hit("PATCH", "/api/releases/{id}/steps/{stepId}", stepPath, {
      token: manager.token,
      body: { text: "Settle longer", planDigest: added.planDigest },
    });
    await hit("DELETE", "/api/releases/{id}/steps/{stepId}", stepPath, { token: manager.token, query: `planDigest=${edited.planDigest}` });

    const link = await hit("POST", "/api/releases/{id}/share", path, { token: manager.token });
    await hit("GET", "/api/releases/{id}/share", path, { token: manager.token });
    for (const reader of [manager, viewer]) await hit("GET", "/api/releases/{id}/timeline", path, { token: reader.token });
    await hit("GET", "/api/releases/{id}/timeline", path, { query: `share=${link.token}` });
    await hit("DELETE", "/api/releases/{id}/share", path, { token: manager.token });
    await hit("GET", "/api/releases/{id}/stream", path, { token: viewer.token });

    await hit("GET", "/api/releases/{id}/audit", path, { token: manager.token, query: "format=json" });
    expect(await hit("GET", "/api/releases/{id}/audit", path, { token: manager.token, query: "format=csv" })).toMatch(/^seq,/);
    expect((await hit("POST", "/api/releases/{id}/cancel", path, { token: manager.token, body: { reason: "Contract over" } })).status).toBe("cancelled");
  });

  it("decisions: waiting, a vote (201, then 200 for the same), an override, a withdrawal", async () => {
    const release = await createReleaseFixture(manager.caller);
    const path = { id: release.id };
    const waiting = await hit("GET", "/api/decisions/waiting", {}, { token: approver.token });
    expect(waiting.releases.map((r: { id: string }) => r.id)).toContain(release.id);
    const noGo = await hit("POST", "/api/releases/{id}/decisions", path, { token: approver.token, body: { decision: "no-go", comment: "Not yet" } });
    await hit("POST", "/api/releases/{id}/decisions", path, { token: approver.token, body: { decision: "no-go", comment: "Not yet" }, expect: 200 });
    await hit(
      "POST",
      "/api/releases/{id}/decisions/{decisionId}/override",
      { ...path, decisionId: noGo.decisionId },
      { token: admin.token, body: { reason: "Fixed" } },
    );
    await hit("POST", "/api/releases/{id}/decisions", path, { token: approver.token, body: { decision: "go" } });
    expect((await hit("DELETE", "/api/releases/{id}/decisions/mine", path, { token: approver.token })).withdrawn.decision).toBe("go");
  });

  it("runs: start, read (manager and viewer), continue a gate, cancel, abort", async () => {
    const release = await releaseWithProcedures(manager.caller, [
      { name: "Smoke", kind: "smoke", steps: [{ kind: "command", text: "Say hi", command: "echo contract" }] },
      { name: "Hold", kind: "custom", steps: [{ kind: "gate", text: "Wait for a person" }] },
    ]);
    const path = { id: release.id };
    const { runId } = await hit("POST", "/api/releases/{id}/runs", path, { token: manager.token, body: { procedure: "smoke" } });
    await waitForRun(runId, ["succeeded"]);
    for (const reader of [manager, viewer]) {
      const run = await hit("GET", "/api/runs/{runId}", { runId }, { token: reader.token });
      expect(run.output !== undefined, reader.caller.role).toBe(reader === manager);
    }

    const gated = await hit("POST", "/api/releases/{id}/runs", path, { token: manager.token, body: { procedure: "Hold" } });
    const gate = await waitFor("the gate to wait", () => db().runStep.findFirst({ where: { runId: gated.runId, status: "waiting" }, select: { id: true } }));
    await hit("POST", "/api/runs/{runId}/steps/{stepId}/{action}", { runId: gated.runId, stepId: gate.id, action: "continue" }, { token: manager.token });
    await waitForRun(gated.runId, ["succeeded"]);

    const held = await hit("POST", "/api/releases/{id}/runs", path, { token: manager.token, body: { procedure: "Hold" } });
    await waitFor("the second gate to wait", () => db().runStep.findFirst({ where: { runId: held.runId, status: "waiting" } }));
    expect((await hit("POST", "/api/runs/{runId}/cancel", { runId: held.runId }, { token: manager.token })).status).toBe("cancelled");

    const aborted = await hit("POST", "/api/releases/{id}/runs", path, { token: manager.token, body: { procedure: "Hold" } });
    await waitFor("the third gate to wait", () => db().runStep.findFirst({ where: { runId: aborted.runId, status: "waiting" } }));
    const abort = await hit("POST", "/api/runs/{runId}/abort", { runId: aborted.runId }, { token: manager.token, body: { reason: "Contract test" } });
    expect(abort.status).toBe("cancelled");
  });

  it("covers every method of every route file (add a case for a new route)", () => {
    const all = MODULES.flatMap(({ path, module }) =>
      ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => (module[m] as { contract?: unknown } | undefined)?.contract).map((m) => `${m} ${path}`),
    );
    expect(all.filter((r) => !covered.has(r)).sort()).toEqual([]);
  });
});
