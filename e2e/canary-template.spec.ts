import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";

test("a manager turns the canary an imported runbook describes into a deploy canary and binds a threshold to a metric", async ({ page, request }) => {
  const imported = await request.post(`/api/templates/import?name=${encodeURIComponent(`Ancient canary ${Date.now()}`)}`, {
    headers: { ...bearer("manager@countdown.local"), "content-type": "text/markdown" },
    data: fs.readFileSync("lib/runbook/fixtures/ancient-compute-launch-guide.md", "utf8"),
  });
  expect(imported.status()).toBe(201);
  const { template } = (await imported.json()) as { template: { id: string } };

  await signIn(page, "manager@countdown.local");
  await page.goto(`/templates/${template.id}`);
  const recognised = page.getByTestId("recognised-canaries");
  await expect(recognised).toContainText("10 % → 25 % → 50 % → 100 %");
  await expect(recognised).toContainText("bake 300 s / 300 s / 300 s / 300 s");
  await recognised.getByRole("button", { name: 'Use as the canary of "Option 2: Canary Deployment"' }).click();

  const form = page.getByRole("form", { name: "Canary" });
  await expect(form.getByLabel("Weight command")).toHaveValue(/"weight":\{\{weight\}\}/);
  // A stage list that goes down is refused, naming the field; nothing is saved.
  await form.getByLabel("Stage 3 weight").fill("20");
  await form.getByLabel("Stage 2 promotion").selectOption("manual");
  await form.getByLabel("a metric must hold").uncheck();
  await form.getByRole("button", { name: "Save canary" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "config.stages.2.weight" })).toContainText("weights must increase");
  await expect(page.getByTestId("template-canary")).toHaveCount(0);

  await page.getByRole("button", { name: "Dismiss" }).click();
  await recognised.getByRole("button", { name: /Use as the canary/ }).click();
  await form.getByLabel("Stage 2 promotion").selectOption("manual");
  await form.getByLabel("a metric must hold").uncheck();
  await form.getByRole("button", { name: "Save canary" }).click();
  const summary = page.getByTestId("template-canary");
  await expect(summary).toHaveText("10 % (300 s, auto) → 25 % (300 s, manual) → 50 % (300 s, auto) → 100 % (300 s, auto); no metric watched");

  // "Error Rate: > 0.5% of requests failing" becomes the canary's watch: healthy while <= 0.5 %.
  const bind = page.getByRole("form", { name: "Bind a threshold to a metric" });
  await bind.getByLabel("Threshold").selectOption({ label: "Error Rate: breach when > 0.5%" });
  await bind.getByLabel("Bind to").selectOption({ label: 'the canary of "Option 2: Canary Deployment"' });
  await bind.getByLabel("Metric URL").fill("https://metrics.example/api/errors.json");
  await bind.getByLabel("JSON path").fill("$.ratePercent");
  await bind.getByRole("button", { name: "Bind" }).click();
  await expect(summary).toContainText("holds Error Rate <= 0.5% during each bake");
});
