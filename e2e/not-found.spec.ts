import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

test("unknown releases, runs, templates and URLs answer 404 with a page that names what is missing and a way back", async ({ page }) => {
  // Signed out: an unknown URL is still a real page with status 404.
  const anon = await page.goto("/no-such-page");
  expect(anon?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();

  await signIn(page, "manager@countdown.local");
  const cases = [
    { path: `/releases/${UNKNOWN}`, heading: "This release does not exist", back: "Back to the releases" },
    { path: "/releases/not-a-uuid", heading: "This release does not exist", back: "Back to the releases" },
    { path: `/releases/${UNKNOWN}/timeline`, heading: "This release does not exist", back: "Back to the releases" },
    { path: `/releases/${UNKNOWN}/notes`, heading: "This release does not exist", back: "Back to the releases" },
    { path: `/runs/${UNKNOWN}`, heading: "This run does not exist", back: "Back to the releases" },
    { path: `/templates/${UNKNOWN}`, heading: "This template does not exist", back: "Back to the templates" },
    { path: "/definitely/not/here", heading: "This page does not exist", back: "Go to the releases" },
  ];
  for (const c of cases) {
    const res = await page.goto(c.path);
    expect(res?.status(), c.path).toBe(404);
    await expect(page.getByRole("heading", { name: c.heading })).toBeVisible();
    await expect(page.getByTestId("not-found").getByRole("link", { name: c.back })).toBeVisible();
  }

  // The way back works.
  await page.getByTestId("not-found").getByRole("link", { name: "Go to the releases" }).click();
  await expect(page).toHaveURL(/\/releases$/);
  await expect(page.getByRole("heading", { name: "Releases" })).toBeVisible();
});
