import { expect, test, type Browser, type Page } from "@playwright/test";
import { bearer, signIn } from "./helpers";

type Release = { id: string; phases: { offsetMinutes: number | null; items: { id: string; required: boolean; version: number }[] }[] };
type Plan = { planDigest: string; shortDigest: string; procedures: { name: string; kind: string; steps: { id: string; command?: string }[] }[] };

async function pageAs(browser: Browser, email: string, releaseId: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto(`/releases/${releaseId}`);
  await expect(page.getByTestId("readiness-panel")).toBeVisible();
  await expect(page.getByTestId("stream-state")).toHaveAttribute("data-state", "live");
  return { page, close: () => context.close() };
}

async function voteGo(page: Page) {
  await page.getByRole("button", { name: "Go", exact: true }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Confirm go" }).click();
  await expect(dialog).toBeHidden();
}

test("gos bind to the plan: an edited deploy step makes them stale, approvers see the diff and vote again, the new command runs", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const manager = bearer("manager@countdown.local");
  const stamp = Date.now();
  const { templates } = (await (await request.get("/api/templates", { headers: manager })).json()) as { templates: { id: string; name: string }[] };
  const template = templates.find((t) => t.name === "Web service launch (demo)")!;
  const created = await request.post("/api/releases", {
    headers: manager,
    data: {
      templateId: template.id,
      name: `E2E plan ${stamp}`,
      version: "8.0.0",
      type: "regular",
      environment: `e2e-plan-${stamp}`,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      autoRollback: false,
    },
  });
  expect(created.status()).toBe(201);
  const release = (await created.json()) as Release;

  // Keep only the deploy's first step (the demo's warm-up, health check and canary need the demo service).
  let plan = (await (await request.get(`/api/releases/${release.id}/plan`, { headers: manager })).json()) as Plan;
  const deploy = plan.procedures.find((p) => p.kind === "deploy")!;
  let digest = plan.planDigest;
  for (const step of deploy.steps.slice(1)) {
    const res = await request.delete(`/api/releases/${release.id}/steps/${step.id}?planDigest=${digest}`, { headers: manager });
    expect(res.status()).toBe(200);
    digest = ((await res.json()) as { planDigest: string }).planDigest;
  }
  for (const phase of release.phases.filter((p) => p.offsetMinutes === null || p.offsetMinutes < 0)) {
    for (const item of phase.items.filter((i) => i.required)) {
      expect(
        (await request.patch(`/api/releases/${release.id}/items/${item.id}`, { headers: manager, data: { checked: true, version: item.version } })).status(),
      ).toBe(200);
    }
  }

  // Two approvers vote go; each vote shows the short digest of the plan it was given to.
  const ari = await pageAs(browser, "approver@countdown.local", release.id);
  const bo = await pageAs(browser, "approver2@countdown.local", release.id);
  await voteGo(ari.page);
  await voteGo(bo.page);
  await expect(bo.page.getByTestId("readiness-state")).toHaveText("Ready to deploy");
  await expect(bo.page.getByTestId("vote-digest")).toHaveText([`plan ${digest.slice(0, 8)}`, `plan ${digest.slice(0, 8)}`]);

  // The manager edits the deploy step of the release's own plan.
  const mgr = await pageAs(browser, "manager@countdown.local", release.id);
  await expect(mgr.page.getByTestId("readiness-state")).toHaveText("Ready to deploy");
  const deployStep = mgr.page.getByTestId("release-plan").getByTestId("template-procedure").filter({ hasText: "Deploy" }).getByTestId("template-step").first();
  await deployStep.getByRole("button", { name: "Edit" }).click();
  const command = `echo "deployed by the re-approved plan ${stamp}"`;
  await deployStep.getByLabel("Command").fill(command);
  await deployStep.getByRole("button", { name: "Save step" }).click();
  await expect(mgr.page.getByTestId("release-plan")).toContainText("Ari Approver and Bo Approver gave a go to the earlier plan");
  await expect(mgr.page.getByTestId("readiness-state")).toHaveText("Not ready");
  await expect(mgr.page.getByTestId("blockers")).toContainText("2 gos were given to an earlier plan: ask Ari Approver and Bo Approver to look again.");
  const refused = await request.post(`/api/releases/${release.id}/runs`, { headers: manager, data: { procedure: "deploy" } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("STALE_PLAN");

  // Each approver's open page says their go was for an earlier plan and shows what changed; they vote again.
  for (const approver of [ari, bo]) {
    const notice = approver.page.getByTestId("stale-plan");
    await expect(notice).toContainText("Your go was for an earlier plan", { timeout: 10_000 });
    await expect(approver.page.getByTestId("plan-diff")).toContainText(
      `+   1. command "Switch the demo service to the release's version and restart it": $ ${command}`,
    );
    await expect(approver.page.getByTestId("plan-diff")).toContainText("- ");
    await voteGo(approver.page);
  }
  await expect(bo.page.getByTestId("stale-plan")).toHaveCount(0);
  plan = (await (await request.get(`/api/releases/${release.id}/plan`, { headers: manager })).json()) as Plan;
  await expect(bo.page.getByTestId("vote-digest")).toHaveText([`plan ${plan.shortDigest}`, `plan ${plan.shortDigest}`]);

  // Now the deploy runs, and it runs the new command.
  await expect(mgr.page.getByTestId("readiness-state")).toHaveText("Ready to deploy", { timeout: 10_000 });
  await mgr.page.getByRole("button", { name: "Deploy", exact: true }).click();
  await expect(mgr.page.getByTestId("deploy-confirm-digest")).toHaveText(plan.planDigest.slice(0, 12));
  await mgr.page
    .getByTestId("deploy-confirm")
    .getByRole("button", { name: /^Deploy / })
    .click();
  await mgr.page.getByTestId("runs").getByRole("link", { name: "Deploy" }).click();
  await expect(mgr.page.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await mgr.page.getByTestId("run-step").first().getByRole("button").first().click();
  await expect(mgr.page.getByTestId("run-output")).toContainText(`deployed by the re-approved plan ${stamp}`);

  await Promise.all([ari.close(), bo.close(), mgr.close()]);
});
