import { expect, test } from "@playwright/test";
import { bearer } from "./helpers";
import { readyQuickRelease, runProcedure } from "./launch-helpers";

test("the shared timeline counts down only before the deploy, then says what happened when, and stops saying live once revoked", async ({
  browser,
  request,
}) => {
  // Two runs, then the stream's credential re-check (15 s) after the revocation.
  test.setTimeout(120_000);
  const release = await readyQuickRelease(request, `E2E truth ${Date.now()}`);
  const manager = bearer("manager@countdown.local");
  const shared = await request.post(`/api/releases/${release.id}/share`, { headers: manager, data: { expiresInDays: 1 } });
  expect(shared.status()).toBe(201);
  const { token } = (await shared.json()) as { token: string };

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/t/${token}`);
  const clock = page.getByTestId("release-clock");
  await expect(clock).toHaveAttribute("data-state", "counting");
  await expect(page.getByTestId("countdown")).toContainText(/T-1d|T-23:/);
  await expect(page.getByTestId("stream-state")).toHaveAttribute("data-state", "live");
  await expect(page.getByTestId("stream-state")).toHaveText(/^● live$/);

  // On a phone the deployment progress comes before the schedule.
  const progressY = (await page.getByRole("heading", { name: "Deployment progress" }).boundingBox())!.y;
  const scheduleY = (await page.getByTestId("timeline-phase").first().boundingBox())!.y;
  expect(progressY).toBeLessThan(scheduleY);

  await runProcedure(request, release, "deploy", "verifying");
  await expect(clock).toHaveAttribute("data-state", "verifying");
  await expect(clock).toContainText(/Deployed; verifying since \d{1,2}:\d{2}/);
  await expect(page.getByTestId("countdown")).toHaveCount(0);

  await runProcedure(request, release, "smoke", "released");
  await expect(clock).toHaveAttribute("data-state", "released");
  await expect(clock).toContainText(/Released at \d{1,2}:\d{2}/);
  await expect(clock.locator("time")).toHaveAttribute("title", /UTC$/);
  await expect(page.getByTestId("countdown")).toHaveCount(0);
  await page.screenshot({ path: "test-results/timeline-released-phone.png", fullPage: true });

  // Revoked while open: within the stream's re-check the page says so, and no longer says "live".
  expect((await request.delete(`/api/releases/${release.id}/share`, { headers: manager })).status()).toBe(200);
  await expect(page.getByTestId("stream-state")).toHaveAttribute("data-state", "closed", { timeout: 25_000 });
  await expect(page.getByTestId("stream-state")).not.toContainText("live");
  await expect(page.getByTestId("stream-ended")).toHaveAttribute("data-reason", "revoked");
  await expect(page.getByTestId("stream-ended")).toContainText("This share link was revoked. This page stopped updating at");
  await page.screenshot({ path: "test-results/timeline-revoked-phone.png", fullPage: true });
  await context.close();
});
