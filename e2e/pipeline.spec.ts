import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { bearer, signIn } from "./helpers";

// Issue 21, "a deploy is a pipeline", end to end: an admin creates staging and production with a secret; a manager
// imports a runbook whose numbered steps become a pipeline, sets the template's default path on its page, and deploys
// to staging (one run, grouped by procedure); production waits for the go/no-go; two approvers vote go; production
// deploys; the stakeholders' share link shows the pipeline done and the release released.

const RUNBOOK = (stamp: number) => `# Pipeline rollout ${stamp}

## Step 1: Prepare release

\`\`\`bash
echo "preparing $RELEASE_VERSION"
\`\`\`

## Step 2: Deploy

\`\`\`bash
echo "deploying with token $PIPELINE_TOKEN"
\`\`\`

## Step 3: Smoke test

\`\`\`bash
echo "healthy"
\`\`\`

## Rollback

\`\`\`bash
echo "rolled back"
\`\`\`
`;

type Run = { id: string; status: string; procedure: string; environment: string; steps: { procedure: string | null; status: string }[] };

async function createEnvironment(page: Page, name: string, secret: string) {
  const add = page.getByRole("region", { name: "Add an environment" });
  await add.getByLabel("Environment name").fill(name);
  await add.getByRole("button", { name: "Add environment" }).click();
  const card = page.getByTestId("environment").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await expect(card).toBeVisible();
  await card.getByLabel("Secret name").fill("PIPELINE_TOKEN");
  await card.getByLabel("Secret value").fill(secret);
  await card.getByRole("button", { name: "Set secret" }).click();
  await expect(card.getByRole("status")).toContainText("PIPELINE_TOKEN set");
}

async function pageAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

async function runOf(request: APIRequestContext, runId: string): Promise<Run> {
  return (await (await request.get(`/api/runs/${runId}`, { headers: bearer("manager@countdown.local") })).json()) as Run;
}

async function deployFromPipelineBox(page: Page, environment: string) {
  await page.getByTestId("promotion-pipeline").getByTestId(`pipeline-${environment}`).getByRole("button", { name: "Deploy", exact: true }).click();
  // The confirmation names what runs: the whole pipeline, in order.
  await expect(page.getByTestId("deploy-confirm-pipeline")).toHaveText("Step 1: Prepare release → Step 2: Deploy → Step 3: Smoke test");
  await page
    .getByTestId("deploy-confirm")
    .getByRole("button", { name: /^Deploy / })
    .click();
}

test("a release goes staging -> production through pipelines, gated by the go/no-go, and the share link shows it released", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now();
  const staging = `pipe-staging-${stamp}`;
  const production = `pipe-production-${stamp}`;
  const secret = `pipeline-Secret-${stamp}-value`;

  // The admin creates both environments with the deploy token as a secret; staging needs no go.
  await signIn(page, "admin@countdown.local");
  await page.goto("/environments");
  await createEnvironment(page, staging, secret);
  await createEnvironment(page, production, secret);
  const admin = bearer("admin@countdown.local");
  expect((await request.patch(`/api/environments/${staging}`, { headers: admin, data: { protection: { requiredGoes: 0 } } })).status()).toBe(200);

  // The manager imports the runbook: its numbered steps are one pipeline, for any environment without its own.
  const manager = bearer("manager@countdown.local");
  const imported = await request.post(`/api/templates/import?name=${encodeURIComponent(`Pipeline e2e ${stamp}`)}`, {
    headers: { ...manager, "content-type": "text/markdown" },
    data: RUNBOOK(stamp),
  });
  expect(imported.status()).toBe(201);
  const { template } = (await imported.json()) as { template: { id: string } };

  const mgr = await pageAs(browser, "manager@countdown.local");
  await mgr.goto(`/templates/${template.id}`);
  const pipelines = mgr.getByRole("region", { name: "Deploy pipelines" });
  const defaultPipeline = pipelines.getByRole("region", { name: "Pipeline of Default (any environment without its own)" });
  await expect(defaultPipeline.getByRole("listitem")).toHaveText([/Step 1: Prepare release/, /Step 2: Deploy/, /Step 3: Smoke test/]);
  // Keyboard-friendly reordering: move the smoke test up and back down.
  await defaultPipeline.getByRole("button", { name: "Move Step 3: Smoke test up" }).click();
  await expect(defaultPipeline.getByRole("listitem")).toHaveText([/Step 1/, /Step 3/, /Step 2/]);
  await defaultPipeline.getByRole("button", { name: "Move Step 3: Smoke test down" }).focus();
  await mgr.keyboard.press("Enter");
  await expect(defaultPipeline.getByRole("listitem")).toHaveText([/Step 1/, /Step 2/, /Step 3/]);
  // The default promotion path, used by a release created without one.
  await pipelines.getByLabel("Default path").fill(`${staging}, ${production}`);
  await pipelines.getByRole("button", { name: "Save default path" }).click();
  await expect(pipelines.getByTestId("default-path")).toContainText(`${staging} → ${production}`);

  const created = await request.post("/api/releases", {
    headers: manager,
    data: { templateId: template.id, name: `Pipeline e2e ${stamp}`, version: "5.0.0", type: "regular", scheduledAt: new Date(stamp + 3_600_000).toISOString() },
  });
  expect(created.status()).toBe(201);
  const release = (await created.json()) as { id: string; environments: { name: string }[] };
  expect(release.environments.map((e) => e.name)).toEqual([staging, production]);

  // Staging: no go needed; Deploy runs the whole pipeline as one run, and its smoke test verifies it.
  await mgr.goto(`/releases/${release.id}`);
  await deployFromPipelineBox(mgr, staging);
  const pipelineView = mgr.getByTestId("promotion-pipeline");
  await expect(pipelineView.getByTestId(`pipeline-${staging}`)).toHaveAttribute("data-state", "deployed", { timeout: 60_000 });
  await expect(pipelineView.getByTestId(`pipeline-${production}`)).toHaveAttribute("aria-current", "step");
  await expect(pipelineView.getByTestId(`pipeline-${production}-text`)).toContainText("waiting for");

  await mgr
    .getByTestId("runs")
    .getByRole("link", { name: `${staging} pipeline` })
    .click();
  await expect(mgr.getByTestId("run-status")).toHaveText("succeeded");
  await expect(mgr.getByTestId("run-step-group")).toHaveText(["Step 1: Prepare release", "Step 2: Deploy", "Step 3: Smoke test"]);
  // The secret reached the command and was masked in its output.
  await mgr.getByRole("region", { name: "Step 2: Deploy" }).getByRole("listitem").first().click();
  await expect(mgr.getByText("deploying with token [masked]", { exact: true })).toBeVisible();
  expect(await mgr.content()).not.toContain(secret);

  // Production waits for the go/no-go: two approvers vote go.
  const refused = await request.post(`/api/releases/${release.id}/runs`, { headers: manager, data: { procedure: "deploy" } });
  expect(refused.status()).toBe(409);
  for (const approver of ["approver@countdown.local", "approver2@countdown.local"]) {
    const voter = await pageAs(browser, approver);
    await voter.goto(`/releases/${release.id}`);
    await voter.getByRole("button", { name: "Go", exact: true }).click();
    const dialog = voter.getByRole("dialog");
    await dialog.getByRole("textbox").fill("Staging is verified.");
    await dialog.getByRole("button", { name: "Confirm go" }).click();
    await expect(dialog).toBeHidden();
    await voter.context().close();
  }

  // Production deploys its pipeline; the release is released when its smoke test passes.
  await mgr.goto(`/releases/${release.id}`);
  await deployFromPipelineBox(mgr, production);
  await expect(pipelineView.getByTestId(`pipeline-${production}`)).toHaveAttribute("data-state", "deployed", { timeout: 60_000 });
  const detail = (await (await request.get(`/api/releases/${release.id}`, { headers: manager })).json()) as { status: string; runs: { id: string }[] };
  expect(detail.status).toBe("released");
  const runs = await Promise.all(detail.runs.map((r) => runOf(request, r.id)));
  const prodRun = runs.find((r) => r.environment === production)!;
  expect(prodRun).toMatchObject({ procedure: `${production} pipeline`, status: "succeeded" });
  expect(prodRun.steps.map((s) => s.procedure)).toEqual(["Step 1: Prepare release", "Step 2: Deploy", "Step 3: Smoke test"]);

  // The stakeholders' share link: the pipeline done, the release released.
  const shared = await request.post(`/api/releases/${release.id}/share`, { headers: manager, data: { expiresInDays: 7 } });
  expect(shared.status()).toBe(201);
  const { token } = (await shared.json()) as { token: string };
  const stakeholder = await (await browser.newContext()).newPage();
  await stakeholder.goto(`/t/${token}`);
  await expect(stakeholder.getByTestId(`pipeline-${staging}`)).toHaveAttribute("data-state", "deployed");
  await expect(stakeholder.getByTestId(`pipeline-${production}`)).toHaveAttribute("data-state", "deployed");
  await expect(stakeholder.getByText(/released/i).first()).toBeVisible();
  expect(await stakeholder.content()).not.toContain(secret);
});
