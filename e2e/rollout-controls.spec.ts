import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { bearer, createRelease, signIn } from "./helpers";

// The rollout controls on the run page (docs/canary.md) and the early tick of a post-launch item (docs/cockpit.md).
// The canary is a fresh template's: weights set by `echo`, bakes as plain waits (no watch), long enough for a person
// to act during one: stage 1 (10 %) stops at a gate, stage 2 (25 %) bakes two minutes, stage 3 (50 %) bakes and
// stops at a gate again, stage 4 is 100 %.

const RUNBOOK = `# Rollout e2e

## Preparation (T-1 Day)

- [ ] Announce the launch

## Deployment

\`\`\`bash
echo "deploying"
\`\`\`

## Rollback

\`\`\`bash
echo "rolled back"
\`\`\`
`;

const manager = () => bearer("manager@countdown.local");

async function canaryTemplate(request: APIRequestContext): Promise<string> {
  const imported = await request.post(`/api/templates/import?name=${encodeURIComponent(`Rollout ${Date.now()}`)}`, {
    headers: { ...manager(), "content-type": "text/markdown" },
    data: RUNBOOK,
  });
  expect(imported.status()).toBe(201);
  const { template } = (await imported.json()) as { template: { id: string } };
  const full = (await (await request.get(`/api/templates/${template.id}`, { headers: manager() })).json()) as {
    version: number;
    procedures: { id: string; kind: string }[];
  };
  const added = await request.post(`/api/templates/${template.id}/steps`, {
    headers: manager(),
    data: {
      procedureId: full.procedures.find((p) => p.kind === "deploy")!.id,
      kind: "canary",
      text: "Canary",
      version: full.version,
      config: {
        weightCommand: "echo weight {{weight}}",
        stages: [
          { weight: 10, bakeSec: 1, promotion: "manual" },
          { weight: 25, bakeSec: 120, promotion: "auto" },
          { weight: 50, bakeSec: 120, promotion: "manual" },
          { weight: 100, bakeSec: 1 },
        ],
      },
    },
  });
  expect(added.status(), await added.text()).toBeLessThan(300);
  return template.id;
}

/** A ready release of the template (its one item ticked, two goes) in an environment of its own; deployed through the API. */
async function deployedRelease(request: APIRequestContext, templateId: string, environment: string): Promise<{ runId: string }> {
  const created = await request.post("/api/releases", {
    headers: manager(),
    data: {
      templateId,
      name: `Rollout ${environment}`,
      version: "4.0.0",
      type: "regular",
      environment,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const release = (await created.json()) as { id: string; phases: { items: { id: string; version: number }[] }[] };
  for (const item of release.phases.flatMap((p) => p.items)) {
    const res = await request.patch(`/api/releases/${release.id}/items/${item.id}`, { headers: manager(), data: { checked: true, version: item.version } });
    expect(res.status()).toBe(200);
  }
  for (const approver of ["approver@countdown.local", "approver2@countdown.local"]) {
    expect((await request.post(`/api/releases/${release.id}/decisions`, { headers: bearer(approver), data: { decision: "go" } })).status()).toBe(201);
  }
  const started = await request.post(`/api/releases/${release.id}/runs`, { headers: manager(), data: { procedure: "deploy" } });
  expect(started.status(), await started.text()).toBe(202);
  return (await started.json()) as { runId: string };
}

/** The new controls keep the pages free of serious or critical WCAG 2.x A/AA violations (as accessibility.spec.ts). */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(
    violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`),
  ).toEqual([]);
}

/** Accepts the next confirm() and checks what it asked. */
function expectConfirm(page: Page, message: string | RegExp) {
  page.once("dialog", (d) => {
    expect(d.message()).toMatch(message);
    void d.accept();
  });
}

test("a manager promotes a canary stage, pauses and resumes a bake, promotes to full; aborts a second one and is offered the rollback", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const templateId = await canaryTemplate(request);
  const stamp = Date.now() % 100_000;
  const first = await deployedRelease(request, templateId, `rollout-a-${stamp}`);
  await signIn(page, "manager@countdown.local");
  await page.goto(`/runs/${first.runId}`);

  const bar = page.getByTestId("canary-progress");
  await expect(bar).toHaveAttribute("data-weight", "10", { timeout: 30_000 });
  // At stage 1's gate: promote this stage (the confirm says where to, without stray quotes).
  const promote = page.getByRole("button", { name: "Promote to 25 %", exact: true });
  await expect(promote).toBeVisible({ timeout: 20_000 });
  expectConfirm(page, /^Promote to 25 %\? /);
  await promote.click();
  await expect(bar).toHaveAttribute("data-weight", "25", { timeout: 20_000 });

  // Stage 2 bakes for two minutes: pause it, and the page says who paused it and when.
  const controls = page.getByTestId("rollout-controls");
  expectConfirm(page, /^Pause the bake /);
  await controls.getByRole("button", { name: "Pause bake" }).click();
  await expect(page.getByTestId("bake-paused")).toContainText("Bake paused by Max Manager at", { timeout: 10_000 });
  await expect(page.getByTestId("run-step").filter({ hasText: "paused by Max Manager" })).toHaveCount(1);
  await expectAccessible(page);
  expectConfirm(page, /^Resume the bake /);
  await controls.getByRole("button", { name: "Resume bake" }).click();
  await expect(page.getByTestId("bake-paused")).toHaveCount(0, { timeout: 10_000 });

  // Promote to full: the rest of this bake and stage 3 are skipped, and the run ends at 100 %.
  expectConfirm(page, /^Promote to full \(100 %\)\? 4 steps of the earlier stages are skipped/);
  await controls.getByRole("button", { name: "Promote to full (100 %)" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(bar).toHaveAttribute("data-weight", "100");
  await expect(page.getByTestId("run-step").filter({ hasText: "skipped: promoted to full by Max Manager" })).toHaveCount(4);

  // A second canary: abort it at its gate, with a reason; the run page then offers the rollback.
  const second = await deployedRelease(request, templateId, `rollout-b-${stamp}`);
  await page.goto(`/runs/${second.runId}`);
  await expect(page.getByRole("button", { name: "Promote to 25 %", exact: true })).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("rollout-controls").getByRole("button", { name: "Abort rollout" }).click();
  const dialog = page.getByTestId("abort-dialog");
  await expect(dialog.getByRole("button", { name: "Abort rollout" })).toBeDisabled();
  await dialog.getByLabel(/Why\?/).fill("error budget spent on staging");
  await dialog.getByRole("button", { name: "Abort rollout" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("cancelled", { timeout: 10_000 });
  await expect(page.getByTestId("run-aborted")).toContainText("Aborted by Max Manager: error budget spent on staging");
  const rollback = page.getByRole("button", { name: `Roll back rollout-b-${stamp}` });
  await expect(rollback).toBeVisible();
  expectConfirm(page, /^Roll back rollout-b-\d+ now\?/);
  await rollback.click();
  await expect(page).not.toHaveURL(new RegExp(second.runId), { timeout: 15_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Rollback");
  await expect(page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
});

test("a post-launch item waits for the deploy; the manager ticks it early on purpose, a viewer reads why it waits", async ({ page, browser, request }) => {
  const release = await createRelease(request, `E2E tick early ${Date.now()}`);
  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);
  const section = page.getByRole("region", { name: /After launch/ });
  const item = section.getByTestId("checklist-item").first();
  await expect(item.getByRole("checkbox")).toBeDisabled();
  await expect(item.getByTestId("waits-for-deploy")).toHaveText("Due after T-0 (T+30m); the deploy has not started.");
  await expectAccessible(page);
  expectConfirm(page, /early\? It is due T\+30m, after T-0, and the deploy has not started/);
  await item.getByRole("button", { name: "Tick early" }).click();
  await expect(item).toHaveAttribute("data-checked", "true");
  await expect(item.getByTestId("checked-by")).toContainText("Max Manager");
  await expect(item.getByRole("button", { name: "Tick early" })).toHaveCount(0);

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer@countdown.local");
  await viewer.goto(`/releases/${release.id}`);
  const open = viewer
    .getByRole("region", { name: /After launch/ })
    .getByTestId("checklist-item")
    .filter({ has: viewer.getByTestId("waits-for-deploy") });
  await expect(open.first()).toContainText("the deploy has not started");
  await expect(viewer.getByRole("button", { name: "Tick early" })).toHaveCount(0);
  await viewerContext.close();
});
