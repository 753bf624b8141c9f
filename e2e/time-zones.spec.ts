import { expect, test } from "@playwright/test";
import { createRelease, signIn } from "./helpers";

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
