import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as auditRoute } from "@/app/api/audit/environments/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/environments/route";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/environments/[name]/route";
import { DELETE as deleteSecretRoute, PUT as putSecretRoute } from "@/app/api/environments/[name]/secrets/[key]/route";
import { GET as releaseRoute } from "@/app/api/releases/[id]/route";
import { POST as startRunRoute } from "@/app/api/releases/[id]/runs/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { openSecret } from "@/lib/secrets/secret-box";
import { ZEnvironmentView, type TEnvironmentView } from "@/lib/schemas/environment";
import { decide } from "@/lib/decisions/decide";
import { gateRelease, tickGatingItems } from "@/test/decision-fixtures";
import { cancelRelease } from "@/lib/releases/cancel-release";
import { createRelease } from "@/lib/releases/create-release";
import { deleteEnvironment } from "@/lib/environments/delete-environment";
import { AppError } from "@/lib/errors";
import { stepAction } from "@/lib/runs/step-action";
import { callRoute } from "@/test/call-route";
import { createCaller, createTemplateFixture, uid } from "@/test/factories";
import { releaseWithProcedures, startInProcessWorker, waitForRun } from "@/test/run-fixtures";

type ErrorBody = { error: { code: string; message: string; details?: { field?: string; issues?: { path: string }[] } } };
type AuditBody = { events: { environment: string; type: string; actor: { id: string } | null; payload: Record<string, unknown> }[] };

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => {
  worker = startInProcessWorker(2);
});
afterAll(() => worker.stop());

async function withToken(role: Role, groups: string[] = []): Promise<Caller & { token: string }> {
  const caller = await createCaller(role, groups);
  return { ...caller, token: await createApiToken(caller.id, "test") };
}

const api = {
  list: (token: string) => callRoute(listRoute, "/api/environments", {}, { token }),
  create: (token: string, body: unknown) => callRoute(createRoute, "/api/environments", {}, { method: "POST", token, body }),
  patch: (token: string, name: string, body: unknown) => callRoute(patchRoute, `/api/environments/${name}`, { name }, { method: "PATCH", token, body }),
  remove: (token: string, name: string) => callRoute(deleteRoute, `/api/environments/${name}`, { name }, { method: "DELETE", token }),
  putSecret: (token: string, name: string, key: string, body: unknown) =>
    callRoute(putSecretRoute, `/api/environments/${name}/secrets/${key}`, { name, key }, { method: "PUT", token, body }),
  deleteSecret: (token: string, name: string, key: string) =>
    callRoute(deleteSecretRoute, `/api/environments/${name}/secrets/${key}`, { name, key }, { method: "DELETE", token }),
  audit: (token: string, environment?: string) =>
    callRoute(auditRoute, `/api/audit/environments${environment ? `?environment=${environment}` : ""}`, {}, { token }),
  startRun: (token: string, releaseId: string, procedure: string) =>
    callRoute(startRunRoute, `/api/releases/${releaseId}/runs`, { id: releaseId }, { method: "POST", token, body: { procedure } }),
};

async function environmentNamed(token: string, name: string): Promise<TEnvironmentView | undefined> {
  const res = await api.list(token);
  expect(res.status).toBe(200);
  return ((await res.json()) as { environments: TEnvironmentView[] }).environments.find((e) => e.name === name);
}

async function createEnvironment(admin: { token: string }, body: Record<string, unknown>) {
  const res = await api.create(admin.token, body);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as TEnvironmentView;
}

describe("environments: admin-managed", () => {
  it("an admin creates, lists, reorders and edits an environment; anyone signed in reads it", async () => {
    const admin = await withToken("admin");
    const viewer = await withToken("viewer");
    const name = `staging-${uid()}`;
    const created = await createEnvironment(admin, { name, variables: { API_URL: "https://staging.example.com" }, protection: { requiredGoes: 0 } });
    expect(created).toMatchObject({
      name,
      variables: { API_URL: "https://staging.example.com" },
      secrets: [],
      protection: { requiredGoes: 0, waitMinutes: 0, deployers: ["admin", "manager"] },
      recentDeploys: [],
    });

    const listed = await environmentNamed(viewer.token, name);
    expect(listed).toMatchObject({ name, position: created.position, variables: { API_URL: "https://staging.example.com" } });

    const second = await createEnvironment(admin, { name: `prod-${uid()}`, position: 0 });
    expect(second.position).toBe(0);
    expect((await environmentNamed(viewer.token, name))!.position).toBeGreaterThan(0);

    const patched = await api.patch(admin.token, name, {
      position: 0,
      variables: { API_URL: "https://new.example.com", REGION: "eu" },
      protection: { waitMinutes: 30, deployers: ["admin"] },
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({
      position: 0,
      variables: { API_URL: "https://new.example.com", REGION: "eu" },
      protection: { requiredGoes: 0, waitMinutes: 30, deployers: ["admin"] },
    });
    expect((await environmentNamed(viewer.token, second.name))!.position).toBe(1);

    expect((await api.create(admin.token, { name })).status).toBe(409);
  });

  it("refuses every write to a manager (403) and to the anonymous (401), while they may read", async () => {
    const admin = await withToken("admin");
    const manager = await withToken("manager");
    const name = `locked-${uid()}`;
    await createEnvironment(admin, { name });
    for (const res of [
      await api.create(manager.token, { name: `mine-${uid()}` }),
      await api.patch(manager.token, name, { variables: { A: "b" } }),
      await api.remove(manager.token, name),
      await api.putSecret(manager.token, name, "DEPLOY_TOKEN", { value: "manager-wrote-this" }),
      await api.deleteSecret(manager.token, name, "DEPLOY_TOKEN"),
      await api.audit(manager.token),
    ]) {
      expect(res.status).toBe(403);
    }
    expect((await api.list(manager.token)).status).toBe(200);
    expect((await callRoute(listRoute, "/api/environments", {})).status).toBe(401);
    const row = await db().environment.findUniqueOrThrow({ where: { name }, include: { secrets: true } });
    expect(row.variables).toEqual({});
    expect(row.secrets).toEqual([]);
  });

  it("validates every field: 400 naming it for bad shapes, 422 naming key or value for secrets, 404 for unknown environments", async () => {
    const admin = await withToken("admin");
    const name = `valid-${uid()}`;
    await createEnvironment(admin, { name });
    const issuePaths = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as ErrorBody).error.details!.issues!.map((i) => i.path);
    };
    expect(await issuePaths(await api.create(admin.token, { name: "has space" }))).toContain("name");
    const unknown = await api.create(admin.token, { name: `x-${uid()}`, colour: "red" });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as ErrorBody).error.message).toContain('"colour"');
    expect((await issuePaths(await api.create(admin.token, { name: `x-${uid()}`, variables: { "lower-case": "x" } })))[0]).toMatch(/^variables/);
    expect(await issuePaths(await api.patch(admin.token, name, { protection: { deployers: ["viewer"] } }))).toEqual(["protection.deployers.0"]);
    expect(await issuePaths(await api.patch(admin.token, name, { protection: { requiredGoes: -1 } }))).toEqual(["protection.requiredGoes"]);
    const rename = await api.patch(admin.token, name, { name: "renamed" });
    expect(rename.status).toBe(400);
    expect(((await rename.json()) as ErrorBody).error.message).toContain('"name"');

    for (const key of ["lower", "1TOKEN", "WITH-DASH"]) {
      const res = await api.putSecret(admin.token, name, key, { value: "long-enough-value" });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).error).toMatchObject({ code: "UNPROCESSABLE", details: { field: "key" } });
    }
    const short = await api.putSecret(admin.token, name, "PIN", { value: "12345" });
    expect(short.status).toBe(422);
    const shortText = await short.text();
    expect(JSON.parse(shortText)).toMatchObject({ error: { code: "UNPROCESSABLE", details: { field: "value" } } });
    expect(shortText).not.toContain("12345");
    expect((await api.putSecret(admin.token, name, "PIN", { value: "s3cr3t-value", extra: 1 })).status).toBe(400);
    expect((await api.putSecret(admin.token, `nowhere-${uid()}`, "TOKEN", { value: "s3cr3t-value" })).status).toBe(404);
    expect((await api.deleteSecret(admin.token, name, "NEVER_SET")).status).toBe(404);
    expect((await api.patch(admin.token, `nowhere-${uid()}`, { position: 1 })).status).toBe(404);
    expect(await db().environmentSecret.count({ where: { environment: { name } } })).toBe(0);
  });
});

describe("environment secrets: write-only", () => {
  it("stores a secret sealed, lists only its name and time, replaces and deletes it; no answer ever carries the value", async () => {
    const admin = await withToken("admin");
    const name = `secrets-${uid()}`;
    await createEnvironment(admin, { name });
    const first = `first-${uid()}-value`;
    const second = `second-${uid()}-value`;

    const put = await api.putSecret(admin.token, name, "DEPLOY_TOKEN", { value: first });
    expect(put.status).toBe(204);
    expect(await put.text()).toBe("");
    const row = await db().environmentSecret.findFirstOrThrow({ where: { environment: { name }, name: "DEPLOY_TOKEN" } });
    expect(row.valueEncrypted).not.toContain(first);
    expect(openSecret(row.valueEncrypted)).toBe(first);

    const answers: string[] = [];
    const read = async () => {
      const text = await (await api.list(admin.token)).text();
      answers.push(text);
      return (JSON.parse(text) as { environments: TEnvironmentView[] }).environments.find((e) => e.name === name)!;
    };
    const listed = await read();
    expect(listed.secrets).toEqual([{ name: "DEPLOY_TOKEN", updatedAt: expect.any(String) }]);
    // The answer's shape has no room for a value: every field is one the strict view schema names.
    expect(() => ZEnvironmentView.parse(listed)).not.toThrow();

    await new Promise((r) => setTimeout(r, 20));
    expect((await api.putSecret(admin.token, name, "DEPLOY_TOKEN", { value: second })).status).toBe(204);
    const replaced = await read();
    expect(new Date(replaced.secrets[0].updatedAt).getTime()).toBeGreaterThan(new Date(listed.secrets[0].updatedAt).getTime());
    expect(openSecret((await db().environmentSecret.findUniqueOrThrow({ where: { id: row.id } })).valueEncrypted)).toBe(second);

    answers.push(await (await api.patch(admin.token, name, { variables: { OTHER: "x" } })).text());
    answers.push(await (await api.audit(admin.token, name)).text());
    const deleted = await api.deleteSecret(admin.token, name, "DEPLOY_TOKEN");
    expect(deleted.status).toBe(204);
    expect((await read()).secrets).toEqual([]);
    for (const text of answers) {
      for (const value of [first, second]) {
        expect(text).not.toContain(value);
        expect(text).not.toContain(Buffer.from(value).toString("base64"));
      }
    }
  });

  it("hands variables and secrets set through the API to commands, and masks the secret in plain and base64 output", async () => {
    const admin = await withToken("admin");
    const manager = await createCaller("manager");
    const managerToken = await createApiToken(manager.id, "test");
    const environment = `masked-${uid()}`;
    const secret = `tok-${uid()}-${uid()}`;
    await createEnvironment(admin, { name: environment, variables: { GREETING: "hello-from-variables" } });
    expect((await api.putSecret(admin.token, environment, "API_TOKEN", { value: secret })).status).toBe(204);
    const release = await releaseWithProcedures(
      manager,
      [
        {
          name: "Verify",
          kind: "verify",
          steps: [
            {
              kind: "command",
              text: "leak",
              command: 'echo "greeting=$GREETING"; echo "token=$API_TOKEN"; printf %s "$API_TOKEN" | base64; echo "len=${#API_TOKEN}"',
            },
          ],
        },
      ],
      { environment },
    );
    const res = await api.startRun(managerToken, release.id, "verify");
    expect(res.status).toBe(202);
    const { runId } = (await res.json()) as { runId: string };
    await waitForRun(runId, ["succeeded"]);
    const lines = (await db().outputLine.findMany({ where: { runId }, orderBy: { seq: "asc" } })).map((l) => l.line);
    const stored = lines.join("\n");
    expect(lines).toContain("greeting=hello-from-variables");
    expect(lines).toContain(`len=${secret.length}`);
    expect(stored).toContain("token=[masked]");
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(Buffer.from(secret).toString("base64"));
  });
});

describe("environments in use", () => {
  it("refuses to delete an environment while an open release uses it (409), and deletes it once that release is cancelled", async () => {
    const admin = await withToken("admin");
    const name = `busy-${uid()}`;
    await createEnvironment(admin, { name });
    expect((await api.putSecret(admin.token, name, "TOKEN", { value: "busy-secret-value" })).status).toBe(204);
    const { release, manager } = await gateRelease({ environment: name });

    const refused = await api.remove(admin.token, name);
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as ErrorBody).error.message).toContain(release.name);
    expect(await db().environment.count({ where: { name } })).toBe(1);

    await cancelRelease(release.id, {}, manager);
    const res = await api.remove(admin.token, name);
    expect(res.status).toBe(200);
    expect(await db().environment.count({ where: { name } })).toBe(0);
    expect(await db().environmentSecret.count({ where: { name: "TOKEN", environment: { name } } })).toBe(0);
    expect((await api.remove(admin.token, name)).status).toBe(404);
  });
});

describe("deleting an environment while a release is created on it", () => {
  /** Settles later; `state()` says whether it has yet, and how. */
  function watch<T>(promise: Promise<T>) {
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | null = null;
    const done = promise.then(
      (value) => void (outcome = { ok: true, value }),
      (error: unknown) => void (outcome = { ok: false, error }),
    );
    return { state: () => outcome, done };
  }
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** A new environment, and what creating a release on it takes (not created yet). */
  async function environmentAndRelease(prefix: string) {
    const manager = await createCaller("manager");
    const name = `${prefix}-${uid()}`;
    await db().environment.create({ data: { name } });
    const template = await createTemplateFixture();
    const input = {
      templateId: template.id,
      name: `Release ${uid()}`,
      version: "1.0.0",
      type: "regular" as const,
      environment: name,
      path: [name],
      scheduledAt: new Date("2030-01-15T10:00:00Z"),
    };
    return { manager, name, input };
  }

  it("a release created while the delete holds the environment waits for it, then is refused (422): never a path to nothing", async () => {
    const { manager, name, input } = await environmentAndRelease("going");

    let creating: ReturnType<typeof watch> | null = null;
    // The delete, held open between its lock and its commit (what deleteEnvironment does, paused).
    await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Environment" WHERE name = ${name} FOR UPDATE`;
      creating = watch(createRelease(input, manager));
      await pause(400);
      expect(creating.state(), "the release waits for the delete").toBeNull();
      await tx.environment.delete({ where: { name } });
    });
    await creating!.done;
    const outcome = creating!.state()!;
    expect(outcome.ok).toBe(false);
    expect((outcome as { error: AppError }).error).toMatchObject({ status: 422, details: { field: "environments.0" } });
    expect(await db().releaseEnvironment.count({ where: { environment: name } })).toBe(0);
  });

  it("refuses to delete an environment a template names in its default path or a pipeline (409 naming the template)", async () => {
    const admin = await createCaller("admin");
    const name = `named-${uid()}`;
    await db().environment.create({ data: { name } });
    const template = await createTemplateFixture();
    await db().template.update({ where: { id: template.id }, data: { environments: [name] } });
    await expect(deleteEnvironment(name, admin)).rejects.toMatchObject({ status: 409, message: expect.stringContaining(template.name) });

    await db().template.update({ where: { id: template.id }, data: { environments: [] } });
    const procedure = await db().templateProcedure.findFirstOrThrow({ where: { templateId: template.id } });
    await db().templateProcedure.update({ where: { id: procedure.id }, data: { environment: name, pipelinePosition: 0 } });
    await expect(deleteEnvironment(name, admin)).rejects.toMatchObject({ status: 409, message: expect.stringContaining(template.name) });

    await db().templateProcedure.update({ where: { id: procedure.id }, data: { environment: null, pipelinePosition: null } });
    await expect(deleteEnvironment(name, admin)).resolves.toEqual({ deleted: name });
  });

  it("a delete that comes while a release on the environment is being created waits for it, then is refused (409)", async () => {
    const admin = await createCaller("admin");
    const { manager, name, input } = await environmentAndRelease("staying");

    let deleting: ReturnType<typeof watch> | null = null;
    await db().$transaction(
      async (tx) => {
        await createRelease(input, manager, tx);
        deleting = watch(deleteEnvironment(name, admin));
        await pause(400);
        expect(deleting.state(), "the delete waits for the release").toBeNull();
      },
      { timeout: 20_000 },
    );
    await deleting!.done;
    const outcome = deleting!.state()!;
    expect(outcome.ok).toBe(false);
    expect((outcome as { error: AppError }).error).toMatchObject({ status: 409 });
    expect((outcome as { error: AppError }).error.message).toContain(input.name);
    expect(await db().environment.count({ where: { name } })).toBe(1);
  });
});

describe("environment protection at run start", () => {
  it("deployers: a manager may not start a deploy or a smoke test where only admins deploy; a rollback stays possible", async () => {
    const admin = await withToken("admin");
    const manager = await withToken("manager");
    const environment = `admins-only-${uid()}`;
    await createEnvironment(admin, { name: environment, protection: { requiredGoes: 0, deployers: ["admin"] } });
    const release = await releaseWithProcedures(
      manager,
      [
        { name: "Deploy", kind: "deploy", steps: [{ kind: "command", text: "deploy", command: "echo deployed" }] },
        { name: "Smoke", kind: "smoke", steps: [{ kind: "command", text: "check", command: "echo ok" }] },
        { name: "Rollback", kind: "rollback", steps: [{ kind: "command", text: "undo", command: "echo undone" }] },
      ],
      { environment },
    );

    for (const procedure of ["deploy", "smoke"]) {
      const res = await api.startRun(manager.token, release.id, procedure);
      expect(res.status).toBe(403);
      expect(((await res.json()) as ErrorBody).error.message).toBe(`Only admins may start runs in ${environment} (its protection rules)`);
    }
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);

    const deploy = await api.startRun(admin.token, release.id, "deploy");
    expect(deploy.status).toBe(202);
    await waitForRun(((await deploy.json()) as { runId: string }).runId, ["succeeded"]);
    const rollback = await api.startRun(manager.token, release.id, "rollback");
    expect(rollback.status).toBe(202);
    await waitForRun(((await rollback.json()) as { runId: string }).runId, ["succeeded"]);

    const view = await environmentNamed(admin.token, environment);
    expect(view!.recentDeploys.map((d) => [d.kind, d.status])).toEqual([
      ["rollback", "succeeded"],
      ["deploy", "succeeded"],
    ]);
  });

  it("deployers: a manager may not retry or skip a failed step of a run where only admins deploy; an admin may", async () => {
    const admin = await withToken("admin");
    const manager = await withToken("manager");
    const environment = `admins-retry-${uid()}`;
    await createEnvironment(admin, { name: environment, protection: { requiredGoes: 0, deployers: ["admin"] } });
    const release = await releaseWithProcedures(manager, [{ name: "Deploy", kind: "deploy", steps: [{ kind: "command", text: "fails", command: "exit 4" }] }], {
      environment,
    });
    const started = await api.startRun(admin.token, release.id, "deploy");
    expect(started.status).toBe(202);
    const { runId } = (await started.json()) as { runId: string };
    const run = await waitForRun(runId, ["failed", "needs_attention"]);
    const stepId = run.steps[0].id;
    for (const action of ["retry", "skip"] as const) {
      await expect(stepAction(runId, stepId, action, manager)).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    }
    await expect(stepAction(runId, stepId, "skip", admin)).resolves.toMatchObject({ action: "skip" });
  });

  it("requiredGoes 0: the go/no-go does not gate a deploy there (the checklist still does)", async () => {
    const admin = await withToken("admin");
    const environment = `staging-${uid()}`;
    await createEnvironment(admin, { name: environment, protection: { requiredGoes: 0 } });
    const { release, manager } = await gateRelease({ environment });
    const managerToken = await createApiToken(manager.id, "test");

    const early = await api.startRun(managerToken, release.id, "deploy");
    expect(early.status).toBe(409);
    expect(((await early.json()) as ErrorBody).error.message).toMatch(/required checklist items? due before T-0/);

    await tickGatingItems(release, manager);
    // A no-go does not hold a deploy where the go/no-go does not gate.
    await decide(release.id, { decision: "no-go", comment: "not convinced" }, await createCaller("approver", ["lead"]));
    const plan = (await (await callRoute(releaseRoute, `/api/releases/${release.id}`, { id: release.id }, { token: managerToken })).json()) as {
      readiness: { ready: boolean; policy: { description: string } };
    };
    expect(plan.readiness).toMatchObject({ ready: true, policy: { description: `no go/no-go needed in ${environment}` } });
    const res = await api.startRun(managerToken, release.id, "deploy");
    expect(res.status).toBe(202);
  });

  it("an environment created for a name releases already use applies to them at once (their readiness is re-evaluated)", async () => {
    const admin = await withToken("admin");
    const environment = `adopted-${uid()}`;
    const { release, manager } = await gateRelease({ environment });
    await tickGatingItems(release, manager);
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("scheduled");
    await createEnvironment(admin, { name: environment, protection: { requiredGoes: 0 } });
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("ready");
  });

  it("requiredGoes above the release policy's minimum: the stricter one applies, and lowering it flips readiness", async () => {
    const admin = await withToken("admin");
    const environment = `prod-${uid()}`;
    await createEnvironment(admin, { name: environment, protection: { requiredGoes: 3 } });
    const { release, manager } = await gateRelease({ environment });
    const managerToken = await createApiToken(manager.id, "test");
    await tickGatingItems(release, manager);
    // The regular policy: 2 gos, at least 1 from lead.
    await decide(release.id, { decision: "go" }, await createCaller("approver", ["lead"]));
    await decide(release.id, { decision: "go" }, await createCaller("approver"));

    const refused = await api.startRun(managerToken, release.id, "deploy");
    expect(refused.status).toBe(409);
    const error = ((await refused.json()) as ErrorBody).error;
    expect(error.code).toBe("NOT_READY");
    expect(error.message).toContain("It needs 1 more go (2 of 3 so far).");
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("scheduled");

    // Lowered to the policy's own minimum: the release is ready at once, recorded as a status move.
    expect((await api.patch(admin.token, environment, { protection: { requiredGoes: 1 } })).status).toBe(200);
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("ready");
    await api.patch(admin.token, environment, { protection: { requiredGoes: 3 } });
    expect((await db().release.findUniqueOrThrow({ where: { id: release.id } })).status).toBe("scheduled");

    await decide(release.id, { decision: "go" }, await createCaller("approver"));
    expect((await api.startRun(managerToken, release.id, "deploy")).status).toBe(202);
  });
});

describe("the environments' audit log", () => {
  it("records every change to an environment and its secrets, with who made it and never a secret value; admins only", async () => {
    const admin = await withToken("admin");
    const name = `audited-${uid()}`;
    const value = `audit-${uid()}-secret`;
    await createEnvironment(admin, { name, variables: { A: "1" } });
    await api.patch(admin.token, name, { variables: { A: "2", B: "3" }, protection: { requiredGoes: 2 } });
    await api.putSecret(admin.token, name, "DEPLOY_TOKEN", { value });
    await api.putSecret(admin.token, name, "DEPLOY_TOKEN", { value: `${value}-2` });
    await api.deleteSecret(admin.token, name, "DEPLOY_TOKEN");
    await api.remove(admin.token, name);

    const res = await api.audit(admin.token, name);
    expect(res.status).toBe(200);
    const text = await res.text();
    const { events } = JSON.parse(text) as AuditBody;
    expect(events.map((e) => e.type)).toEqual([
      "environment.deleted",
      "secret.deleted",
      "secret.set",
      "secret.set",
      "environment.updated",
      "environment.created",
    ]);
    expect(events.every((e) => e.environment === name && e.actor?.id === admin.id)).toBe(true);
    expect(events[2].payload).toEqual({ key: "DEPLOY_TOKEN", replaced: true });
    expect(events[3].payload).toEqual({ key: "DEPLOY_TOKEN", replaced: false });
    expect(events[4].payload).toMatchObject({
      variables: { added: ["B"], removed: [], changed: ["A"] },
      protection: { from: { requiredGoes: null }, to: { requiredGoes: 2 } },
    });
    expect(text).not.toContain(value);
    expect(text).not.toContain(Buffer.from(value).toString("base64"));

    // Append-only in the database itself.
    await expect(db().environmentAuditEvent.deleteMany({ where: { environment: name } })).rejects.toThrow(/append-only/);
  });
});
