// A runbook with credentials written out, imported through the real route: the values are stored nowhere (steps,
// items, notes, references, unplaced blocks), the answer names the secrets to add, and the http step resolves the
// reference from the environment's secrets when it runs, masked in what the run shows.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as importRoute } from "@/app/api/templates/import/route";
import { GET as templateRoute } from "@/app/api/templates/[id]/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/secrets/secret-box";
import { createRelease } from "@/lib/releases/create-release";
import { startRun } from "@/lib/runs/start-run";
import { callRoute } from "@/test/call-route";
import { createCaller, uid } from "@/test/factories";
import { startInProcessWorker, waitForRun } from "@/test/run-fixtures";

const token = `sk_live_${uid()}${uid()}`;
const password = `pw-${uid()}9`;
const hookToken = `hook${uid()}42`;
const yamlKey = `ak_${uid()}${uid()}`;

let worker: ReturnType<typeof startInProcessWorker>;
let target: http.Server;
let base: string;
beforeAll(async () => {
  worker = startInProcessWorker(2);
  // Answers 200 only to the right token, and quotes the header back, as a debug endpoint might.
  target = http.createServer((req, res) => {
    const ok = req.headers.authorization === `Bearer ${token}`;
    res
      .writeHead(ok ? 200 : 401, { "content-type": "application/json", "x-echo": req.headers.authorization ?? "" })
      .end(JSON.stringify({ ok, youSent: req.headers.authorization }));
  });
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await worker.stop();
  await new Promise((r) => target.close(r));
});

const runbook = () => `# Payments launch

## T-1 day
- [ ] Tell #ops through https://hooks.example.com/services/x?token=${hookToken}&channel=ops

## Smoke tests

\`\`\`bash
# Expected: 200 OK
curl -fsS -H "Authorization: Bearer ${token}" ${base}/health
curl -fsS -u deploy:${password} https://ci.example.com/job/deploy/build -o /tmp/build.json
\`\`\`

\`\`\`yaml
client:
  api_key: ${yamlKey}
\`\`\`
`;

describe("importing a runbook with credentials", () => {
  it("stores none of them, names the secrets to add, and the http step resolves its reference when it runs", async () => {
    const manager = await createCaller("manager");
    const auth = await createApiToken(manager.id, "import");
    const res = await callRoute(
      importRoute,
      "/api/templates/import?name=Payments",
      {},
      { method: "POST", token: auth, text: runbook(), contentType: "text/markdown" },
    );
    const answer = (await res.json()) as { template: { id: string }; credentials: { name: string; line: number; message: string }[] };
    expect(res.status).toBe(201);
    expect(answer.credentials.map((c) => [c.name, c.message])).toEqual([
      ["TOKEN", "add `TOKEN` to the environment's secrets"],
      ["API_TOKEN", "add `API_TOKEN` to the environment's secrets"],
      ["DEPLOY_PASSWORD", "add `DEPLOY_PASSWORD` to the environment's secrets"],
      ["API_KEY", "add `API_KEY` to the environment's secrets"],
    ]);

    // Nothing of the values in any row of the template, nor in what the API answers.
    const id = answer.template.id;
    const rows = await db().template.findUniqueOrThrow({
      where: { id },
      include: { phases: { include: { items: true } }, procedures: { include: { steps: true } } },
    });
    const read = await (await callRoute(templateRoute, `/api/templates/${id}`, { id }, { token: auth })).text();
    for (const text of [JSON.stringify(rows), JSON.stringify(answer), read]) {
      for (const value of [token, password, hookToken, yamlKey]) expect(text.includes(value), `${value} kept`).toBe(false);
    }
    const steps = rows.procedures.flatMap((p) => p.steps).sort((a, b) => a.position - b.position);
    expect(steps[0]).toMatchObject({ kind: "http", config: { request: { headers: { Authorization: "Bearer ${API_TOKEN}" } } } });
    expect(steps[1]).toMatchObject({ kind: "command", config: { command: expect.stringContaining("-u deploy:${DEPLOY_PASSWORD} ") } });

    // Without the secret the step says what to add; with it the request carries it, and nothing shows it.
    const missing = await runSmoke(id, manager, `bare-${uid()}`);
    expect(missing.steps[0].status).toBe("failed");
    expect(JSON.stringify(missing.steps[0].result)).toContain("add API_TOKEN to the environment's secrets");

    const environment = `payments-${uid()}`;
    await db().environment.create({ data: { name: environment, secrets: { create: [{ name: "API_TOKEN", valueEncrypted: sealSecret(token) }] } } });
    const run = await runSmoke(id, manager, environment);
    expect(run.steps[0].status).toBe("succeeded");
    const shown = JSON.stringify([
      run.steps,
      await db().outputLine.findMany({ where: { runId: run.id }, select: { line: true } }),
      await db().event.findMany({ where: { releaseId: run.releaseId }, select: { payload: true } }),
    ]);
    expect(shown).not.toContain(token);
  });
});

async function runSmoke(templateId: string, manager: Awaited<ReturnType<typeof createCaller>>, environment: string) {
  const release = await createRelease(
    { templateId, name: `Payments ${uid()}`, version: "1.0.0", type: "regular", environment, scheduledAt: new Date("2030-01-01T00:00:00Z") },
    manager,
  );
  // Its smoke test runs commands, so the gate wants the release ready: no gos asked for, its checklist done.
  await db().approvalPolicy.upsert({
    where: { templateId_releaseType: { templateId, releaseType: "regular" } },
    create: { templateId, releaseType: "regular", minGoes: 0 },
    update: {},
  });
  await db().releaseItem.updateMany({ where: { releaseId: release.id }, data: { checked: true } });
  const { runId } = await startRun(release.id, { procedure: "smoke" }, manager);
  return waitForRun(runId, ["failed", "succeeded"]);
}
