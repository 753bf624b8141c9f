import { expect, test } from "@playwright/test";
import { bearer, createRelease, signIn } from "./helpers";

test("a manager moves T-0 and cancels a release after confirming; a viewer has neither button", async ({ browser, page, request }) => {
  const release = await createRelease(request, `E2E schedule ${Date.now()}`);
  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);
  const controls = page.getByTestId("release-schedule-control");

  // Two days from now at 09:30, in the browser's time zone (the input's).
  const target = new Date(Date.now() + 2 * 86_400_000);
  target.setHours(9, 30, 0, 0);
  const pad = (n: number) => String(n).padStart(2, "0");
  const local = `${target.getFullYear()}-${pad(target.getMonth() + 1)}-${pad(target.getDate())}T09:30`;
  await controls.getByRole("button", { name: "Reschedule" }).click();
  const move = page.getByRole("dialog");
  await move.getByLabel("New T-0 (your local time)").fill(local);
  await move.getByRole("button", { name: "Move T-0" }).click();
  await expect(move).toBeHidden();
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/releases/${release.id}`, { headers: bearer("manager@countdown.local") })).json()) as { scheduledAt: string })
          .scheduledAt,
    )
    .toBe(target.toISOString());

  await controls.getByRole("button", { name: "Cancel release" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm).toContainText("This cannot be undone.");
  await confirm.getByRole("button", { name: "Keep the release" }).click();
  await expect(confirm).toBeHidden();
  await controls.getByRole("button", { name: "Cancel release" }).click();
  await confirm.getByLabel("Reason (optional, recorded in the audit trail)").fill("Merged into the next train");
  await confirm.getByRole("button", { name: "Cancel release" }).click();
  await expect(page.getByText("cancelled", { exact: true })).toBeVisible();
  await expect(controls).toHaveCount(0);

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer@countdown.local");
  const other = await createRelease(request, `E2E schedule viewer ${Date.now()}`);
  await viewer.goto(`/releases/${other.id}`);
  await expect(viewer.getByText("You are following this release read-only.")).toBeVisible();
  await expect(viewer.getByRole("button", { name: /Reschedule|Cancel release/ })).toHaveCount(0);
  expect((await request.post(`/api/releases/${other.id}/cancel`, { headers: bearer("viewer@countdown.local") })).status()).toBe(403);
  await viewerContext.close();
});
