import { expect, test } from "@playwright/test";
import { createRelease, signIn } from "./helpers";

test("approvers land on what waits for their decision and read their own part in words", async ({ browser, request }) => {
  // In production, where the template's policy (2 gos, one from lead) applies; staging asks for none.
  const release = await createRelease(request, `E2E approver view ${Date.now()}`, "production");

  const ari = await (await browser.newContext()).newPage();
  await signIn(ari, "approver@countdown.local");
  await expect(ari).toHaveURL(/\/decisions$/);
  await expect(ari.getByRole("heading", { level: 1 })).toHaveText("Waiting for my decision");
  await expect(ari.getByTestId("waiting-decisions")).toContainText("E2E approver view");

  await ari
    .getByTestId("waiting-decisions")
    .getByRole("link", { name: /E2E approver view/ })
    .first()
    .click();
  await expect(ari.getByTestId("readiness-panel")).toBeVisible();
  await expect(ari.getByText("You are following this release read-only.")).toHaveCount(0);
  await expect(ari.getByTestId("approver-note")).toHaveText("You decide go or no-go below; the checklist and the runs are the release manager's.");
  // Ari is the lead whose go is missing: the page says it is theirs, not someone else's.
  await expect(ari.getByTestId("group-rule")).toContainText("1 more from lead: your go is needed");
  await expect(ari.getByTestId("group-rule")).not.toContainText("Ari Approver");
  await expect(ari.getByTestId("my-vote-pending")).toHaveText("You have not voted on this release yet.");
  await ari.screenshot({ path: "test-results/approver-release.png" });

  // Another approver reads whose go it is by name.
  const bo = await (await browser.newContext()).newPage();
  await signIn(bo, "approver2@countdown.local");
  await bo.goto(`/releases/${release.id}`);
  await expect(bo.getByTestId("group-rule")).toContainText("1 more from lead: Ari Approver");

  // Managers still land on the releases.
  const mgr = await (await browser.newContext()).newPage();
  await signIn(mgr, "manager@countdown.local");
  await expect(mgr).toHaveURL(/\/releases$/);
});
