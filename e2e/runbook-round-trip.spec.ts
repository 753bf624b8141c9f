import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const RUNBOOK = [
  "# Checkout rollout",
  "",
  "## T-1 day",
  "",
  "- [ ] Freeze the release branch",
  "- [ ] Back up the database",
  "",
  "## Deploy",
  "",
  "```bash",
  "# Roll out the web tier",
  "kubectl apply -f web.yaml",
  "```",
  "",
].join("\n");

test("import a runbook, edit an item, download it as Markdown, change it, re-import: the diff, then the edit kept", async ({ page }) => {
  await signIn(page, "manager@countdown.local");
  await page.goto("/templates/import");
  await page.getByLabel(/Or paste the runbook/).fill(RUNBOOK);
  await page.getByLabel(/Template name/).fill(`Checkout ${Date.now()}`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("template-counts")).toHaveText("1 phases · 2 checklist items · 1 procedures · 1 steps");

  // An edit made in Countdown: the first item's words.
  await page.getByTestId("template-item").first().getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Item text").fill("Freeze the release branch and tag it");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("template-item").first()).toContainText("Freeze the release branch and tag it");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as Markdown" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^checkout-\d+\.md$/);
  const exported = fs.readFileSync(await download.path(), "utf8");
  expect(exported).toContain("## T-1 day\n\n- [ ] Freeze the release branch and tag it\n- [ ] Back up the database\n");
  expect(exported).toContain("# Roll out the web tier\nkubectl apply -f web.yaml");

  // The team changes the downloaded runbook: one item reworded, one added.
  const changed = exported.replace("- [ ] Back up the database\n", "- [ ] Back up the database and the uploads\n- [ ] Announce the maintenance window\n");
  await page.getByRole("button", { name: "Update from runbook" }).click();
  await page.getByLabel("Or paste it").fill(changed);
  await page.getByRole("button", { name: "Show changes" }).click();
  const diff = page.getByTestId("reimport-diff");
  await expect(diff).toContainText("0 removed, 1 changed");
  await expect(diff.locator('[data-change="changed"]')).toContainText("Back up the database and the uploads");
  await expect(diff.locator('[data-change="changed"]')).toContainText("was “Back up the database”");
  await expect(diff.locator('[data-change="added"]')).toHaveText(/Announce the maintenance window/);
  await expect(diff).not.toContainText("Freeze the release branch");

  await page.getByRole("button", { name: "Apply changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated from the runbook" })).toBeVisible();
  const items = page.getByTestId("template-item");
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText("Freeze the release branch and tag it");
  await expect(items.nth(1)).toContainText("Back up the database and the uploads");
  await expect(items.nth(2)).toContainText("Announce the maintenance window");
});
