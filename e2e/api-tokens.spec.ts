import { expect, test } from "@playwright/test";
import { createRelease, signIn } from "./helpers";

// A manager makes a CI token from the user menu that may only tick items, sees it once, uses it, and revokes it.
test("a tick-only token made on the tokens page ticks, cannot vote, and stops working when revoked", async ({ page, request }) => {
  const release = await createRelease(request, `E2E tokens ${Date.now()}`);
  const item = release.phases[0].items[0];
  await signIn(page, "manager@countdown.local");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();

  const name = `CI ticks ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires after").selectOption("30");
  await page.getByRole("checkbox", { name: /^read/ }).uncheck();
  await page.getByRole("checkbox", { name: /^tick/ }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByTestId("new-token").inputValue();
  expect(token).toMatch(/^cd_/);
  const row = page.getByTestId("token-list").getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("tick");
  await expect(row).toContainText("active");

  const auth = { Authorization: `Bearer ${token}` };
  const tick = await request.patch(`/api/releases/${release.id}/items/${item.id}`, { headers: auth, data: { checked: true, version: item.version } });
  expect(tick.status()).toBe(200);
  const vote = await request.post(`/api/releases/${release.id}/decisions`, { headers: auth, data: { decision: "go" } });
  expect(vote.status()).toBe(403);

  // Shown once: a reload lists the token, never the token itself.
  await page.reload();
  await expect(page.getByTestId("token-list")).toContainText(name);
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(token);

  page.once("dialog", (dialog) => void dialog.accept());
  await page
    .getByTestId("token-list")
    .getByRole("row", { name: new RegExp(name) })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(page.getByTestId("token-list").getByRole("row", { name: new RegExp(name) })).toContainText("revoked");
  await expect.poll(async () => (await request.get(`/api/releases/${release.id}`, { headers: auth })).status()).toBe(401);
});
