import { expect, test } from "@playwright/test";
import { createRelease, signIn } from "./helpers";

test("a manager ticks an item and a viewer sees it, with nothing to click", async ({ browser, request }) => {
  const release = await createRelease(request, `E2E checklist ${Date.now()}`);
  const itemText = release.phases[0].items[0].text;

  const managerContext = await browser.newContext();
  const manager = await managerContext.newPage();
  await signIn(manager, "manager@countdown.local");
  await manager.goto(`/releases/${release.id}`);
  await expect(manager.getByTestId("release-progress")).toHaveText(/^0\/\d+ done$/);

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer@countdown.local");
  await viewer.goto(`/releases/${release.id}`);
  await expect(viewer.getByTestId("checklist-item").filter({ hasText: itemText })).toBeVisible();
  await expect(viewer.getByRole("checkbox")).toHaveCount(0);
  await expect(viewer.getByText("You are following this release read-only.")).toBeVisible();

  // The checkbox is controlled by the cached release: it turns checked a render after the click, so click it
  // and then expect it checked (locator.check() would demand the change within the click itself).
  await manager.getByRole("checkbox", { name: itemText }).click();
  await expect(manager.getByRole("checkbox", { name: itemText })).toBeChecked();
  await expect(manager.getByTestId("checked-by").first()).toContainText("Max Manager");

  // The viewer's open page picks the tick up without a reload.
  const viewerItem = viewer.getByTestId("checklist-item").filter({ hasText: itemText });
  await expect(viewerItem).toHaveAttribute("data-checked", "true", { timeout: 10_000 });
  await expect(viewer.getByTestId("release-progress")).toHaveText(/^1\/\d+ done$/);
  await expect(viewer.getByRole("checkbox")).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /tick|deploy|approve/i })).toHaveCount(0);

  await manager.screenshot({ path: "test-results/release-page-manager.png", fullPage: true });
  await managerContext.close();
  await viewerContext.close();
});

test("signing in with a wrong password shows an error and stays on the page", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("manager@countdown.local");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#login-error")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/login/);
});

test("an anonymous visitor is sent to sign in", async ({ page }) => {
  await page.goto("/releases");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
});
