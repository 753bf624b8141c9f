import { expect, test } from "@playwright/test";
import { E2E_PASSWORD } from "../playwright.config";
import { createRelease, signIn } from "./helpers";

test("unsaved release notes: leaving by a link asks first, and staying keeps the text", async ({ page, request }) => {
  const release = await createRelease(request, `E2E unsaved ${Date.now()}`);
  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}/notes`);
  const features = page.getByLabel("Features");
  await features.fill("- A change nobody saved yet");

  // Stay: the confirm is dismissed, the page and the text remain.
  const messages: string[] = [];
  page.once("dialog", (d) => {
    messages.push(d.message());
    void d.dismiss();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Releases" }).click();
  await expect.poll(() => messages).toEqual(["You have unsaved changes. Leave this page and lose them?"]);
  await expect(page).toHaveURL(new RegExp(`/releases/${release.id}/notes$`));
  await expect(features).toHaveValue("- A change nobody saved yet");

  // Reload: the browser's own beforeunload prompt.
  page.once("dialog", (d) => {
    messages.push(d.type());
    void d.dismiss();
  });
  await page.reload({ timeout: 5_000 }).catch(() => undefined);
  await expect.poll(() => messages).toContain("beforeunload");
  await expect(features).toHaveValue("- A change nobody saved yet");

  // Leave: accepted, the link navigates.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Releases" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();

  // Saved text needs no guard.
  await page.goto(`/releases/${release.id}/notes`);
  await page.getByLabel("Features").fill("- Saved");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
  page.once("dialog", () => messages.push("unexpected"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Releases" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
  expect(messages).not.toContain("unexpected");
});

test("after a tick the keyboard focus stays on the checkbox", async ({ page, request }) => {
  const release = await createRelease(request, `E2E focus ${Date.now()}`);
  const itemText = release.phases[0].items[0].text;
  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);
  const box = page.getByRole("checkbox", { name: itemText });
  await box.focus();
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  await expect(page.getByTestId("checked-by").first()).toContainText("Max Manager");
  expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.id)).toBe(`item-${release.phases[0].items[0].id}`);
  await expect(box).toBeFocused();
  await page.keyboard.press("Space");
  await expect(box).not.toBeChecked();
  await expect(box).toBeFocused();
});

test("a signed-out deep link returns to the same page after sign-in; a callback to another site does not", async ({ page, request }) => {
  const release = await createRelease(request, `E2E deep link ${Date.now()}`);
  await page.goto(`/releases/${release.id}`);
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(`/releases/${release.id}`)}`);
  await page.getByLabel("Email").fill("manager@countdown.local");
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`/releases/${release.id}$`));
  await expect(page.getByTestId("readiness-panel")).toBeVisible();

  // Signed in, a sign-in link pointing elsewhere stays on this site.
  for (const bad of ["//evil.example/x", "/\\evil.example", "https://evil.example/"]) {
    await page.goto(`/login?callbackUrl=${encodeURIComponent(bad)}`);
    await expect(page.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible();
    expect(page.url()).not.toContain("evil");
  }
});

test("a deep link to another dashboard page (with its query) comes back too", async ({ page }) => {
  await page.goto("/calendar?from=deep-link");
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent("/calendar?from=deep-link")}`);
  await page.getByLabel("Email").fill("viewer@countdown.local");
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/calendar\?from=deep-link$/);
  await expect(page.getByRole("heading", { level: 1, name: "Calendar" })).toBeVisible();
});

test("after a vote the keyboard focus returns to the Go button, not the page body", async ({ page, request }) => {
  const release = await createRelease(request, `E2E vote focus ${Date.now()}`, "production");
  await signIn(page, "approver@countdown.local");
  await page.goto(`/releases/${release.id}`);
  const go = page.getByRole("button", { name: "Go", exact: true });
  await go.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("button", { name: "Confirm go" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("my-decision")).toContainText("go");
  await expect(go).toBeFocused();
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("BUTTON");
});
