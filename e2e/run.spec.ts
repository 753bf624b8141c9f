import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, signIn } from "./helpers";

type Release = { id: string; phases: { offsetMinutes: number | null; items: { id: string; required: boolean; version: number }[] }[] };

/** A release of the demo template on the demo environment (the demo service npm start runs), made ready. */
async function readyDemoRelease(request: APIRequestContext, version: string): Promise<Release> {
  const manager = bearer("manager@countdown.local");
  const { templates } = (await (await request.get("/api/templates", { headers: manager })).json()) as { templates: { id: string; name: string }[] };
  const template = templates.find((t) => t.name === "Web service launch (demo)")!;
  const created = await request.post("/api/releases", {
    headers: manager,
    data: {
      templateId: template.id,
      name: `E2E deploy ${version}`,
      version,
      type: "regular",
      environment: "demo",
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const release = (await created.json()) as Release;
  for (const phase of release.phases.filter((p) => p.offsetMinutes === null || p.offsetMinutes < 0)) {
    for (const item of phase.items.filter((i) => i.required)) {
      expect(
        (await request.patch(`/api/releases/${release.id}/items/${item.id}`, { headers: manager, data: { checked: true, version: item.version } })).status(),
      ).toBe(200);
    }
  }
  for (const approver of ["approver@countdown.local", "approver2@countdown.local"]) {
    const vote = await request.post(`/api/releases/${release.id}/decisions`, { headers: bearer(approver), data: { decision: "go", comment: "looks good" } });
    expect(vote.status()).toBe(201);
  }
  return release;
}

test("a manager deploys the demo release and a viewer watches the steps go by live", async ({ browser, request }) => {
  // The canary's three bakes and its manual promotion take longer than the default minute.
  test.setTimeout(120_000);
  const release = await readyDemoRelease(request, `7.0.${Date.now() % 1000}`);

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer@countdown.local");
  await viewer.goto(`/releases/${release.id}`);
  await expect(viewer.getByTestId("stream-state")).toHaveAttribute("data-state", "live");
  await expect(viewer.getByText("No runs yet.")).toBeVisible();

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, "manager@countdown.local");
  await manager.goto(`/releases/${release.id}`);
  await manager.getByRole("button", { name: "Deploy", exact: true }).click();
  await manager
    .getByTestId("deploy-confirm")
    .getByRole("button", { name: /^Deploy / })
    .click();

  // The viewer's page shows the run without a reload.
  const viewerRun = viewer.getByTestId("runs").getByRole("listitem").first();
  await expect(viewerRun).toContainText("Deploy", { timeout: 15_000 });

  // The deploy is a canary (10 % -> 50 % -> 100 %): its progress bar advances on its own through stage 1 while
  // the watch's chart grows, then waits at stage 2 for a person to promote it.
  await manager.getByTestId("runs").getByRole("link", { name: "Deploy" }).click();
  const bar = manager.getByTestId("canary-progress");
  const stages = bar.getByTestId("canary-stage");
  await expect(stages).toHaveCount(3);
  await expect(bar).toHaveAttribute("data-weight", "10", { timeout: 20_000 });
  const chart = manager.getByTestId("watch-chart");
  await expect(chart).toContainText("healthy while < 1%");
  const firstCount = await chart.locator("circle").count();
  await expect.poll(() => chart.locator("circle").count(), { timeout: 10_000 }).toBeGreaterThan(firstCount);
  await expect(stages.nth(0)).toHaveAttribute("data-state", "promoted", { timeout: 15_000 });
  await expect(stages.nth(1)).toHaveAttribute("data-state", "waiting", { timeout: 20_000 });
  await expect(bar).toHaveAttribute("data-weight", "50");
  await expect(bar).toContainText("waiting for promotion");
  // The viewer's release page shows the same bar, live.
  await expect(viewer.getByTestId("canary-progress")).toHaveAttribute("data-weight", "50");
  manager.once("dialog", (d) => void d.accept());
  await manager.getByRole("button", { name: "Promote to 100 %", exact: true }).click();

  await expect(viewerRun.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(manager.getByTestId("run-status")).toHaveText("succeeded", { timeout: 10_000 });
  await expect(bar).toHaveAttribute("data-weight", "100");
  await expect(stages.nth(2)).toHaveAttribute("data-state", "promoted");
  await expect(manager.getByTestId("run-step")).toHaveCount(10);
  // The last stage's watch: 5 s at a sample a second, all under the 1 % line.
  await manager.getByTestId("run-step").nth(9).getByRole("button").first().click();
  await expect(manager.getByTestId("watch-chart")).toContainText("healthy while < 1%");
  await expect(manager.getByTestId("watch-chart").locator("circle")).toHaveCount(6);
  await manager.getByTestId("run-step").first().getByRole("button").first().click();
  await expect(manager.getByTestId("run-output")).toContainText('"deployed"');
  // The deploy token is an environment secret: never shown.
  await expect(manager.getByTestId("run-output")).not.toContainText("Bearer");
  await manager.screenshot({ path: "test-results/run-page.png" });

  // A viewer may follow the run but sees no output.
  await viewer.getByTestId("runs").getByRole("link", { name: "Deploy" }).click();
  await expect(viewer.getByText("Output is visible to release managers and approvers.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Cancel|Retry|Skip|Continue|Promote|Pause|Resume|Abort|Roll back/ })).toHaveCount(0);

  // The stakeholders' timeline: the canary's stages and the watch charts, without the metric's URL.
  await viewer.goto(`/releases/${release.id}/timeline`);
  await expect(viewer.getByTestId("canary-progress")).toHaveAttribute("data-weight", "100");
  await expect(viewer.getByTestId("watch-chart")).toHaveCount(3);
  expect(await viewer.content()).not.toContain("metrics.json");
  await managerContext.close();
  await viewerContext.close();
});

test("a broken version fails its health check and rolls itself back", async ({ page, request }) => {
  const release = await readyDemoRelease(request, `7.1.${Date.now() % 1000}-broken`);
  const started = await request.post(`/api/releases/${release.id}/runs`, { headers: bearer("manager@countdown.local"), data: { procedure: "deploy" } });
  expect(started.status()).toBe(202);

  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);
  const runs = page.getByTestId("runs");
  await expect(runs.getByText("automatic after a failure")).toBeVisible({ timeout: 45_000 });
  await expect(runs.getByRole("listitem").first().getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(runs.getByRole("listitem").nth(1).getByTestId("run-status")).toHaveText("failed");
  await expect(page.getByText("rolled back", { exact: true })).toBeVisible();
});

test("a leaky version passes its health check, breaks the watched error rate and rolls itself back", async ({ page, request }) => {
  const release = await readyDemoRelease(request, `7.2.${Date.now() % 1000}-leaky`);
  const started = await request.post(`/api/releases/${release.id}/runs`, { headers: bearer("manager@countdown.local"), data: { procedure: "deploy" } });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };

  await signIn(page, "manager@countdown.local");
  await page.goto(`/runs/${runId}`);
  await expect(page.getByTestId("run-status")).toHaveText("failed", { timeout: 45_000 });
  // Caught at 50 % of the traffic: stage 1 (10 %) held, stage 2's watch broke, stage 3 never started.
  await expect(page.getByTestId("run-step").nth(4)).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("run-step").nth(6)).toHaveAttribute("data-status", "failed");
  await expect(page.getByTestId("canary-stage").nth(1)).toHaveAttribute("data-state", "failed");
  await expect(page.getByTestId("canary-stage").nth(2)).toHaveAttribute("data-state", "pending");
  await page.getByTestId("run-step").nth(6).getByRole("button").first().click();
  const chart = page.getByTestId("watch-chart");
  await expect(chart.locator('circle[fill="#e11d48"]')).toHaveCount(2);
  await page.screenshot({ path: "test-results/watch-chart.png" });
  await page.getByRole("link", { name: /^← E2E deploy / }).click();
  await expect(page.getByTestId("runs").getByText("automatic after a failure")).toBeVisible({ timeout: 30_000 });
});
