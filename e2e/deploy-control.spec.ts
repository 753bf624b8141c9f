import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";
import { readyQuickRelease } from "./launch-helpers";

test("Deploy asks first, naming what runs where; after the deploy the button is gone and the page says what comes next", async ({ page, request }) => {
  test.setTimeout(90_000);
  const release = await readyQuickRelease(request, `E2E deploy control ${Date.now()}`);
  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);

  // Before a deploy: no rollback, and the page says why.
  await expect(page.getByRole("button", { name: "Run Rollback" })).toHaveCount(0);
  await expect(page.getByTestId("not-offered")).toContainText("Rollback: The release is ready: a rollback exists only after a deploy started.");

  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const dialog = page.getByTestId("deploy-confirm");
  await expect(page.getByRole("dialog")).toContainText(`Deploy ${release.name} 3.1.4 to quick-e2e?`);
  await expect(dialog).toContainText("Version3.1.4");
  await expect(dialog).toContainText("Environmentquick-e2e");
  await expect(dialog.getByTestId("deploy-confirm-digest")).toHaveText(/^[0-9a-f]{12}$/);
  await expect(dialog).toContainText("the plan the approvers approved");
  await expect(dialog.getByTestId("deploy-early")).toContainText(/This is before T-0: T-0 is in (23|24) hours/);
  await page.screenshot({ path: "test-results/deploy-confirm.png" });
  // Cancel changes nothing.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();

  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  await dialog.getByRole("button", { name: "Deploy 3.1.4" }).dblclick();
  await expect(page.getByTestId("release-status")).toHaveText("verifying", { timeout: 30_000 });
  await expect(page.getByTestId("deploy-control")).toHaveAttribute("data-offer", "none");
  await expect(page.getByRole("button", { name: /^Deploy/ })).toHaveCount(0);
  await expect(page.getByTestId("next-steps")).toHaveText(
    'Next: verify the deploy. Run "Smoke test"; when it succeeds, the release is released. If something is wrong, roll back.',
  );
  await expect(page.getByRole("button", { name: "Run Rollback" })).toBeVisible();
  await page.screenshot({ path: "test-results/deploy-after.png", fullPage: true });

  // Two clicks, one deploy.
  const view = (await (await request.get(`/api/releases/${release.id}`, { headers: bearer("manager@countdown.local") })).json()) as {
    runs: { kind: string }[];
  };
  expect(view.runs.filter((r) => r.kind === "deploy")).toHaveLength(1);

  // The smoke test releases it; then nothing more is offered.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Run Smoke test", exact: true }).click();
  await expect(page.getByTestId("release-status")).toHaveText("released", { timeout: 30_000 });
  await expect(page.getByTestId("next-steps")).toHaveText("Released. This is final: nothing more runs on this release.");
  await expect(page.getByRole("button", { name: /^(Run |Deploy)/ })).toHaveCount(0);
  // Its checklist and plan are history: nothing to tick or edit, and the page says so.
  await expect(page.getByTestId("release-closed")).toHaveText("The release is released: its checklist and plan are history and can no longer change.");
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Edit", exact: true })).toHaveCount(0);
  await page.screenshot({ path: "test-results/deploy-released.png", fullPage: true });
});

test("during a freeze an admin's override names the freeze in words before deploying", async ({ page, request }) => {
  const environment = `frozen-${Date.now()}`;
  const admin = bearer("admin@countdown.local");
  const freeze = await request.post("/api/freezes", {
    headers: admin,
    data: {
      kind: "one_off",
      environment,
      reason: "Black Friday",
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(freeze.status()).toBe(201);
  const release = await readyQuickRelease(request, `E2E frozen ${Date.now()}`, 86_400_000, environment);
  await signIn(page, "admin@countdown.local");
  await page.goto(`/releases/${release.id}`);
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toBeDisabled();
  await page.getByRole("button", { name: "Override and deploy…" }).click();
  const dialog = page.getByTestId("deploy-confirm");
  await expect(dialog.getByTestId("deploy-freeze")).toContainText(`${environment} is frozen until`);
  await expect(dialog.getByTestId("deploy-freeze")).toContainText("Black Friday");
  await expect(dialog.getByRole("button", { name: "Override and deploy" })).toBeDisabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  const { id } = (await freeze.json()) as { id: string };
  expect((await request.delete(`/api/freezes/${id}`, { headers: admin })).status()).toBe(200);
});
