import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";

const RUNBOOK = "# Weekly train\n\n## T-1 day\n\n- [ ] Freeze the branch\n\n## Deploy\n\n```bash\necho deploy\n```\n";

test("a manager sets a release train, edits the communication plan and the default notes; the calendar shows the train", async ({ page, request }) => {
  const name = `Train ${Date.now()}`;
  const imported = await request.post(`/api/templates/import?name=${encodeURIComponent(name)}`, {
    headers: { ...bearer("manager@countdown.local"), "content-type": "text/markdown" },
    data: RUNBOOK,
  });
  expect(imported.status()).toBe(201);
  const { template } = (await imported.json()) as { template: { id: string } };

  await signIn(page, "manager@countdown.local");
  await page.goto(`/templates/${template.id}`);

  await page.getByRole("button", { name: "Set a schedule" }).click();
  await page.getByLabel("Train repeats every").selectOption("1");
  await page.getByLabel("Train weekday").selectOption({ label: "Wednesday" });
  await page.getByLabel("Train time", { exact: true }).fill("11:15");
  await page.getByLabel("Train time zone").fill("UTC");
  await page.getByRole("button", { name: "Save schedule" }).click();
  await expect(page.getByTestId("train-rule")).toContainText("every week on Wednesday at 11:15 (UTC)");

  // The default plan, then one reminder changed by keyboard-reachable fields.
  await expect(page.getByTestId("reminders")).toContainText("T-1d");
  await page.getByRole("button", { name: "Edit reminders" }).click();
  await page.getByLabel("Message of reminder 1").fill("{{release.name}} tomorrow: last call for the checklist");
  // Adding a row does not save the form; the new row is filled in before saving.
  await page.getByRole("button", { name: "Add reminder" }).click();
  await page.getByLabel("Offset of reminder 4 in minutes from T-0").fill("-30");
  await page.getByLabel("Message of reminder 4").fill("Half an hour to go");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByTestId("reminders")).toContainText("last call for the checklist");
  await expect(page.getByTestId("reminders")).toContainText("T-30m");

  await page.getByRole("button", { name: "Edit notes" }).click();
  await page.getByLabel("Rollback notes").fill("Redeploy the **previous** tag.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.locator("strong", { hasText: "previous" })).toBeVisible();
  await page.getByRole("button", { name: "Save notes" }).click();
  await expect(page.getByRole("button", { name: "Edit notes" })).toBeVisible();
  await expect(page.locator("strong", { hasText: "previous" })).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Calendar" }).click();
  await expect(page.getByTestId("calendar-train").filter({ hasText: name }).first()).toContainText("11:15");
});
