import { expect, test } from "@playwright/test";
import { bearer, createRelease, signIn } from "./helpers";

test("in New York every time on the release page names its zone, with UTC on hover", async ({ browser, request }) => {
  const release = await createRelease(request, `E2E zones ${Date.now()}`);
  const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);
  const t0 = page.getByTestId("release-t0");
  await expect(t0).toHaveText(/ EST$/);
  await expect(t0).toHaveAttribute("title", / UTC$/);
  // Same moment, two zones: New York is five hours behind UTC in December.
  const [local, utc] = [await t0.textContent(), await t0.getAttribute("title")];
  const hour = (s: string) => Number(/(\d{1,2}):\d{2}/.exec(s)![1]) % 12;
  expect((hour(utc!) - hour(local!) + 12) % 12).toBe(5);
  // Phase due times and the runs list use the same rule.
  await expect(page.locator("time").first()).toHaveText(/ (EST|EDT)$/);
  for (const time of await page.locator("main time").all()) await expect(time).toHaveAttribute("title", / UTC$/);

  await page.goto(`/releases/${release.id}/timeline`);
  await expect(page.locator("main time").first()).toHaveText(/ EST$/);
  await context.close();
});

test("in New York the calendar and the freeze page name the same zone as the release page", async ({ browser, request }) => {
  const release = await createRelease(request, `E2E zones calendar ${Date.now()}`);
  const reason = `E2E zone freeze ${Date.now()}`;
  const created = await request.post("/api/freezes", {
    headers: bearer("admin@countdown.local"),
    data: { kind: "one_off", environment: `e2e-zones-${Date.now()}`, reason, startsAt: "2099-06-01T16:48:00Z", endsAt: "2099-06-02T16:48:00Z" },
  });
  expect(created.status()).toBe(201);
  const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, "manager@countdown.local");

  await page.goto("/calendar");
  await expect(page.getByTestId("calendar-zone")).toHaveText("Times in your time zone, America/New_York (EST); hover a time for UTC.");
  await expect(page.getByText("Times in UTC")).toHaveCount(0);
  const t0 = page.getByTestId("calendar-t0").filter({ has: page.locator(`a[href="/releases/${release.id}/timeline"]`) });
  await expect(t0.locator("time")).toHaveText(/^\d{1,2}:\d{2} (AM|PM) EST$/);
  await expect(t0.locator("time")).toHaveAttribute("title", / UTC$/);

  // Summer in New York: EDT, and 16:48 UTC is 12:48 PM there.
  await page.goto("/freezes");
  const row = page.getByTestId("freeze-row").filter({ hasText: reason });
  await expect(row).toContainText("Jun 1, 2099, 12:48 PM EDT to Jun 2, 2099, 12:48 PM EDT");
  await expect(row.locator("time").first()).toHaveAttribute("title", "Jun 1, 2099, 4:48 PM UTC");
  await context.close();
  await request.delete(`/api/freezes/${((await created.json()) as { id: string }).id}`, { headers: bearer("admin@countdown.local") });
});
