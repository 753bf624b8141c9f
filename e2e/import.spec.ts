import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("a manager uploads a runbook, sees the plan and creates a release from it", async ({ page }) => {
  await signIn(page, "manager@countdown.local");
  await page.getByRole("link", { name: "Templates" }).click();
  await page.getByRole("link", { name: "Import a runbook" }).click();
  await page.getByLabel("Markdown file").setInputFiles(path.resolve("lib/runbook/fixtures/auto-grader-launch-procedures.md"));
  await page.getByLabel(/Template name/).fill(`Auto-grader ${Date.now()}`);
  await page.getByRole("button", { name: "Import" }).click();

  await expect(page.getByRole("status")).toContainText("Imported.");
  // issue 18: plain bullets of plan sections are items, contingency sections playbooks, the communication plan reminders
  await expect(page.getByTestId("template-counts")).toHaveText("9 phases · 47 checklist items · 9 procedures · 44 steps");
  await expect(page.getByTestId("import-coverage")).toHaveText("Imported runbook: 125 of 134 blocks placed; 9 not placed, listed at the end.");
  await expect(page.getByTestId("no-deploy-procedure")).toContainText("No deploy procedure: add one");
  await expect(page.getByTestId("template-procedure").first()).toBeVisible();

  // Edit the first item: new words and an owner; then move it down with the keyboard-reachable button.
  const first = page.getByTestId("template-item").first();
  const original = (await first.locator("span").first().innerText()).split("\n")[0];
  await first.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Item text").fill("Staging smoke test signed off by QA");
  await page.getByLabel("Owner role").fill("qa");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByTestId("template-item").first()).toContainText("Staging smoke test signed off by QA");
  await expect(page.getByTestId("template-item").first()).toContainText("owner: qa");
  await page.getByRole("button", { name: 'Move "Staging smoke test signed off by QA" down' }).press("Enter");
  await expect(page.getByTestId("template-item").nth(1)).toContainText("Staging smoke test signed off by QA");
  expect(original).not.toBe("");

  await page.getByRole("button", { name: "Create a release from this template" }).click();
  const form = page.getByRole("form", { name: "New release" });
  await form.getByLabel("Name").fill("Auto-grader launch");
  await form.getByLabel("Version").fill("3.0.0");
  await form.getByLabel("Type").selectOption("hotfix");
  await form.getByLabel("Environment").fill("staging");
  await form.getByLabel(/T-0/).fill("2031-03-01T10:00");
  await form.getByRole("button", { name: "Create release" }).click();

  await expect(page.getByRole("heading", { name: /Auto-grader launch/ })).toBeVisible();
  await expect(page.getByTestId("release-progress")).toHaveText("0/47 done");
  await expect(page.getByTestId("no-deploy-procedure")).toContainText("No deploy procedure: add one");
  await expect(page.getByTestId("checklist-item").filter({ hasText: "Staging smoke test signed off by QA" })).toBeVisible();
  await page.screenshot({ path: "test-results/imported-release.png", fullPage: false });
});

test("pasting text that is not a runbook still gives a template, and a viewer cannot import", async ({ page, browser }) => {
  await signIn(page, "manager@countdown.local");
  await page.goto("/templates/import");
  await page.getByLabel(/Or paste the runbook/).fill("just a sentence, no headings, no lists");
  await page.getByLabel(/Template name/).fill(`Odd ${Date.now()}`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("template-counts")).toHaveText("0 phases · 0 checklist items · 0 procedures · 0 steps");
  await expect(page.getByTestId("import-empty-warning")).toBeVisible();

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer@countdown.local");
  await viewer.goto("/templates");
  await expect(viewer.getByRole("link", { name: "Import a runbook" })).toHaveCount(0);
  const res = await viewer.request.post("/api/templates/import", {
    headers: { "Content-Type": "text/markdown", Origin: new URL(viewer.url()).origin },
    data: "- [ ] x",
  });
  expect(res.status()).toBe(403);
  await viewerContext.close();
});

test("an imported item keeps its sub-bullets as details, and items are reordered and moved by dragging", async ({ page }) => {
  await signIn(page, "manager@countdown.local");
  await page.goto("/templates/import");
  await page.getByLabel("Markdown file").setInputFiles(path.resolve("lib/runbook/fixtures/ancient-compute-launch-guide.md"));
  await page.getByLabel(/Template name/).fill(`Ancient compute ${Date.now()}`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toContainText("Imported.");

  const docs = page.getByTestId("template-item").filter({ hasText: "API documentation complete" });
  await expect(docs.getByTestId("item-details")).toContainText("All endpoints documented");
  const guide = page.getByTestId("template-item").filter({ hasText: "User guide published" });
  const phase = page.getByTestId("template-phase-items").filter({ has: docs });
  const texts = async () => (await phase.getByTestId("template-item").allInnerTexts()).map((t) => t.split("\n")[0].replace(/^⠿\s*/, ""));
  const before = await texts();
  expect(before.findIndex((t) => t.startsWith("API documentation complete"))).toBeLessThan(before.findIndex((t) => t.startsWith("User guide published")));

  // Drag "User guide published" onto "API documentation complete": it lands above it.
  await guide.dragTo(docs);
  await expect
    .poll(async () => (await texts()).findIndex((t) => t.startsWith("User guide published")))
    .toBe(before.findIndex((t) => t.startsWith("API documentation complete")));

  // Drag it onto the first item of the next phase ("Infrastructure Readiness"): it moves there.
  const nextPhase = page.getByTestId("template-phase-items").nth(2);
  await expect(nextPhase.getByTestId("template-item").first()).not.toContainText("User guide published");
  await page.getByTestId("template-item").filter({ hasText: "User guide published" }).dragTo(nextPhase.getByTestId("template-item").first());
  await expect(nextPhase.getByTestId("template-item").first()).toContainText("User guide published");
  await expect(phase.getByTestId("template-item").filter({ hasText: "User guide published" })).toHaveCount(0);
});

test("a manager edits an http step's request and expectations, and a bad value is refused naming the field", async ({ page }) => {
  await signIn(page, "manager@countdown.local");
  await page.goto("/templates/import");
  await page.getByLabel("Markdown file").setInputFiles(path.resolve("lib/runbook/fixtures/auto-grader-launch-procedures.md"));
  await page.getByLabel(/Template name/).fill(`HTTP edits ${Date.now()}`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toContainText("Imported.");

  const step = page
    .getByTestId("template-step")
    .filter({ has: page.locator("span", { hasText: /^http$/ }) })
    .first();
  await step.getByRole("button", { name: "Edit" }).click();
  await step.getByLabel("URL").fill("https://grader.example.edu/api/health");
  await step.getByLabel("Expected status codes").fill("200");
  await step.getByLabel("Headers that must be absent").fill("server, x-powered-by");
  await step.getByLabel("JSON values").fill('.status = "ok"');
  await step.getByRole("button", { name: "Save step" }).click();
  await expect(step).toContainText("https://grader.example.edu/api/health");
  await expect(step).toContainText("status 200; header server, x-powered-by absent");
  await expect(step).toContainText('.status = "ok"');

  await step.getByRole("button", { name: "Edit" }).click();
  await step.getByLabel("URL").fill("not a url");
  await step.getByRole("button", { name: "Save step" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /url/i })).toContainText("must be an http:// or https:// URL");
  await expect(step).toContainText("https://grader.example.edu/api/health");
});
