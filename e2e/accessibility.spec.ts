import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { bearer, signIn } from "./helpers";
import { readyQuickRelease, runProcedure } from "./launch-helpers";

/** axe-core over the page as it stands: no serious or critical WCAG 2.x A/AA violation. */
async function expectAccessible(page: Page, what: string) {
  // Colours are checked as they settle: a button that just turned enabled fades for 150 ms (endless pulses aside).
  await page.evaluate(() => Promise.all(document.getAnimations().flatMap((a) => (a instanceof CSSTransition ? [a.finished] : []))));
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = bad.map(
    (v) =>
      `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(" | ")}`,
  );
  expect(described, `${what}: ${described.join("\n")}`).toEqual([]);
}

test("the main pages of every role have no serious or critical accessibility violation, and a skip link comes first", async ({ browser, request }) => {
  // Eight pages with axe for each of four roles: minutes on a loaded machine.
  test.setTimeout(300_000);
  const release = await readyQuickRelease(request, `E2E a11y ${Date.now()}`);
  const runId = await runProcedure(request, release, "deploy", "verifying");
  const view = (await (await request.get(`/api/releases/${release.id}`, { headers: bearer("manager@countdown.local") })).json()) as {
    template: { id: string };
  };
  const shared = await request.post(`/api/releases/${release.id}/share`, { headers: bearer("manager@countdown.local"), data: { expiresInDays: 1 } });
  const { token } = (await shared.json()) as { token: string };

  const pages: { path: string; ready: (p: Page) => Promise<void> }[] = [
    { path: "/releases", ready: (p) => expect(p.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible() },
    {
      path: `/releases/${release.id}`,
      ready: async (p) => {
        await expect(p.getByTestId("readiness-panel")).toBeVisible();
        // Managers and admins see the share links: wait for them, so Revoke is checked enabled, not mid-transition.
        if (/^(manager|admin)$/.test((await p.getByTestId("current-role").textContent()) ?? "")) {
          await expect(p.getByTestId("share-control")).toContainText("1 active link.");
        }
      },
    },
    { path: `/runs/${runId}`, ready: (p) => expect(p.getByTestId("run-facts")).toBeVisible() },
    { path: `/templates/${view.template.id}`, ready: (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible() },
    { path: `/releases/${release.id}/timeline`, ready: (p) => expect(p.getByTestId("release-clock")).toBeVisible() },
    { path: "/decisions", ready: (p) => expect(p.getByRole("heading", { level: 1, name: "Waiting for my decision" })).toBeVisible() },
    { path: "/freezes", ready: (p) => expect(p.getByTestId("freeze-list").getByRole("heading", { name: "In force now" })).toBeVisible() },
    { path: "/calendar", ready: (p) => expect(p.getByTestId("calendar-zone")).toBeVisible() },
  ];
  for (const email of ["manager@countdown.local", "approver@countdown.local", "viewer@countdown.local", "admin@countdown.local"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    for (const { path, ready } of pages) {
      await page.goto(path);
      await ready(page);
      await expectAccessible(page, `${email} on ${path}`);
    }
    // The first Tab reaches the skip link, which moves focus past the navigation.
    await page.goto(`/releases/${release.id}`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    await context.close();
  }

  // The stakeholder's shared timeline, signed out, on a phone.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await page.goto(`/t/${token}`);
  await expect(page.getByTestId("release-clock")).toBeVisible();
  await expectAccessible(page, "share link");
  await phone.close();
});
