import { expect, request as http, test, type APIRequestContext } from "@playwright/test";
import { bearer, createRelease, signIn } from "./helpers";

/** A new API client per call: the shared one's idle keep-alive socket can be closed by the server mid-test. */
async function api<T>(fn: (client: APIRequestContext) => Promise<T>): Promise<T> {
  const client = await http.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    return await fn(client);
  } finally {
    await client.dispose();
  }
}

test("a share link opens the live timeline without a session, read-only, and stops working once revoked", async ({ browser, request }) => {
  const release = await createRelease(request, `E2E timeline ${Date.now()}`);
  const manager = bearer("manager@countdown.local");
  const shared = await request.post(`/api/releases/${release.id}/share`, { headers: manager, data: { expiresInDays: 7 } });
  expect(shared.status()).toBe(201);
  const { token, url } = (await shared.json()) as { token: string; url: string };
  expect(url).toMatch(new RegExp(`/t/${token}$`));

  // A fresh context: no cookies, no session.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`/t/${token}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("E2E timeline");
  await expect(page.getByTestId("timeline-status")).toContainText("scheduled");
  await expect(page.getByTestId("countdown")).toContainText(/T-\d/);
  const phases = page.getByTestId("timeline-phase");
  expect(await phases.count()).toBe(release.phases.length);
  await expect(phases.first()).toHaveAttribute("data-state", /upcoming|active|overdue|done/);
  await expect(page.getByTestId("stream-state")).toHaveAttribute("data-state", "live");

  // Renders on a phone: nothing wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/timeline-phone.png", fullPage: true });

  // An approver votes in another context (the API): the decision appears live.
  const approver = bearer("approver@countdown.local");
  const vote = await api(async (c) =>
    (await c.post(`/api/releases/${release.id}/decisions`, { headers: approver, data: { decision: "go", comment: "Looks good from support" } })).status(),
  );
  expect(vote).toBe(201);
  await expect(page.getByTestId("timeline-decision")).toContainText("Looks good from support");
  await expect(page.getByTestId("timeline-decision")).toContainText("go");

  // Nothing on the page changes anything.
  await expect(page.locator("button, form, textarea, select, input")).toHaveCount(0);
  await expect(page.getByRole("checkbox")).toHaveCount(0);

  // Print: the same content without the live badge.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("stream-state")).toBeHidden();
  await page.setViewportSize({ width: 1024, height: 1400 });
  await page.screenshot({ path: "test-results/timeline-print.png", fullPage: true });
  await page.emulateMedia({ media: "screen" });

  // The token is no credential for anything else.
  const other = await api(async (c) => (await c.get(`/api/releases/${release.id}`, { headers: { Authorization: `Share ${token}` } })).status());
  expect(other).toBe(401);

  // Revoked: the link says so.
  expect(await api(async (c) => (await c.delete(`/api/releases/${release.id}/share`, { headers: manager })).status())).toBe(200);
  const after = await page.goto(`/t/${token}`);
  expect(after?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This link was revoked");
  await context.close();
});

test("a signed-in viewer reaches the timeline from the release page", async ({ browser, request }) => {
  const release = await createRelease(request, `E2E viewer timeline ${Date.now()}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "viewer@countdown.local");
  await page.goto(`/releases/${release.id}`);
  await page.getByRole("link", { name: "Timeline" }).click();
  await expect(page.getByTestId("timeline")).toBeVisible();
  await expect(page.getByTestId("timeline-phase").first()).toBeVisible();
  await expect(page.getByTestId("stream-state")).toHaveAttribute("data-state", "live");
  await context.close();
});

test("a manager makes a share link on the release page; the calendar shows the release's T-0", async ({ browser, request }) => {
  const release = await createRelease(request, `E2E share ui ${Date.now()}`);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);
  await page.getByTestId("share-control").getByRole("button", { name: "Create share link" }).click();
  const url = await page.getByTestId("share-url").inputValue();
  expect(url).toMatch(/\/t\/cds_/);
  await expect(page.getByTestId("share-control")).toContainText("1 active link");

  await page.goto("/calendar");
  await expect(page.getByTestId("calendar-t0").filter({ hasText: "E2E share ui" })).toHaveCount(1);
  await context.close();
});
