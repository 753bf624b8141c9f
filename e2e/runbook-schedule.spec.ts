import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

// Issue 18: a runbook's dated schedule table becomes phases with times, its escalation section a ladder; the template
// page adds a deploy procedure and changes a procedure's kind; the release page shows the ladder while a run fails.

const RUNBOOK = `---
title: Quarterly cycle
description: The release cycle of the quarter
---

| Date | Milestone | Owner |
| --- | --- | --- |
| 2026-03-02 | Feature freeze | Eng leads |
| 2026-03-06 | Release candidate | Release team |
| 2026-03-09 | Final build | Release team |

## Checks

\`\`\`bash
echo "checking the build"
exit 3
\`\`\`

## Escalation

- Level 1: the engineer on duty investigates
- Level 2 after 15 minutes: page the on-call lead
- Level 3 after 1 hour: call the CTO
`;

test("a dated schedule and an escalation ladder: import, plan edits, a failing run shows which level applies", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "manager@countdown.local");
  await page.goto("/templates/import");
  await page.getByLabel(/Or paste the runbook/).fill(RUNBOOK);
  const name = `Quarterly ${Date.now()}`;
  await page.getByLabel(/Template name/).fill(name);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toContainText("Imported.");

  // The rows are phases, counted back from the last date, which they keep.
  const phases = page.getByTestId("template-phase-title");
  await expect(phases).toHaveCount(3);
  await expect(phases.nth(0)).toContainText("Feature freeze");
  await expect(phases.nth(0).getByTestId("phase-time")).toContainText("T-7d");
  await expect(phases.nth(0).getByTestId("phase-time")).toContainText("runbook: 2026-03-02");
  await expect(phases.nth(1).getByTestId("phase-time")).toContainText("T-3d");
  await expect(phases.nth(2).getByTestId("phase-time")).toContainText("T-0");
  await expect(page.getByTestId("escalation-ladder").getByRole("listitem")).toHaveCount(3);
  await expect(page.getByTestId("escalation-ladder")).toContainText("page the on-call lead");

  // Re-time a phase in words.
  await page.getByRole("button", { name: "Re-time Release candidate" }).click();
  await page.getByLabel("Time of Release candidate").fill("T-2d");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(phases.nth(1).getByTestId("phase-time")).toContainText("T-2d");
  await expect(phases.nth(1).getByTestId("phase-time")).not.toContainText("runbook:");

  // No deploy procedure: the note links to adding one.
  await page.getByTestId("no-deploy-procedure").getByRole("link", { name: "add one" }).click();
  const add = page.getByRole("form", { name: "Add a procedure" });
  await expect(add.getByLabel("Procedure kind")).toHaveValue("deploy");
  await add.getByLabel("Procedure name").fill("Ship it");
  await add.getByRole("button", { name: "Add procedure" }).click();
  await expect(page.getByTestId("template-procedure").filter({ hasText: "Ship it" })).toBeVisible();
  await expect(page.getByTestId("no-deploy-procedure")).toHaveCount(0);

  // "Checks" imported as a custom procedure: make it the smoke test.
  await expect(page.getByLabel("Kind of Checks")).toHaveValue("custom");
  await page.getByLabel("Kind of Checks").selectOption("smoke");
  await expect(
    page
      .getByTestId("template-procedure")
      .filter({ hasText: "Checks" })
      .locator("h3 span", { hasText: /^smoke$/ }),
  ).toBeVisible();

  await page.getByRole("button", { name: "Create a release from this template" }).click();
  const form = page.getByRole("form", { name: "New release" });
  await form.getByLabel("Name").fill(`Quarterly release ${Date.now()}`);
  await form.getByLabel("Version").fill("4.2.0");
  await form.getByLabel("Environment").fill("staging");
  await form.getByLabel(/T-0/).fill("2031-06-20T09:00");
  await form.getByRole("button", { name: "Create release" }).click();
  await expect(page.getByRole("heading", { name: /Quarterly release/ })).toBeVisible();
  await expect(page.getByTestId("escalation-now")).toHaveCount(0);

  // The smoke test fails: the ladder says level 1 applies now, and level 2 comes after 15 minutes.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Run Checks" }).click();
  const run = page.getByTestId("runs").getByRole("listitem").first();
  await expect(run.getByTestId("run-status")).toHaveText(/failed|needs-attention/, { timeout: 45_000 });
  const ladder = page.getByTestId("escalation-now");
  await expect(ladder).toBeVisible({ timeout: 15_000 });
  await expect(ladder).toContainText("Checks failing since");
  await expect(ladder.getByTestId("escalation-current")).toContainText("Now: level 1");
  await expect(ladder.getByTestId("escalation-current")).toContainText("the engineer on duty investigates");
  await expect(ladder.getByTestId("escalation-next")).toContainText("Next: level 2 after 15 min");
  await expect(ladder.getByTestId("escalation-next")).toContainText("page the on-call lead");
  await page.screenshot({ path: "test-results/escalation-ladder.png" });
});
