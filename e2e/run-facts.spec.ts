import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";
import { readyQuickRelease, runProcedure } from "./launch-helpers";

test("the run page names what it runs: release, version, environment, who, when, how long, and the plan digest", async ({ page, request }) => {
  const release = await readyQuickRelease(request, `E2E run facts ${Date.now()}`);
  const runId = await runProcedure(request, release, "deploy", "verifying");
  const plan = (await (await request.get(`/api/releases/${release.id}/plan`, { headers: bearer("manager@countdown.local") })).json()) as { planDigest: string };

  await signIn(page, "manager@countdown.local");
  await page.goto(`/runs/${runId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Deployment of ${release.name} 3.1.4`);
  await expect(page.getByRole("link", { name: `← ${release.name} 3.1.4` })).toBeVisible();
  const facts = page.getByTestId("run-facts");
  await expect(facts).toContainText("Environmentquick-e2e");
  await expect(facts).toContainText("Started byMax Manager");
  await expect(facts).toContainText(/Requested\w{3} \d{1,2}, \d{4}/);
  await expect(facts).toContainText(/Took\d+(\.\d)? (ms|s)/);
  await expect(page.getByTestId("run-plan-digest")).toHaveText(plan.planDigest.slice(0, 12));
  await expect(page.getByTestId("run-plan-digest")).toHaveAttribute("title", plan.planDigest);
  // Per-step durations, never negative; step names are never cut off.
  await expect(page.getByTestId("run-step-duration").first()).toHaveText(/^\d+(\.\d)? (ms|s)$/);
  await expect(page.getByTestId("run-step-name").first()).toHaveText('echo "deploying"');
  expect(
    await page
      .getByTestId("run-step-name")
      .first()
      .evaluate((el) => getComputedStyle(el).textOverflow),
  ).not.toBe("ellipsis");
  await page.screenshot({ path: "test-results/run-facts.png" });
});
