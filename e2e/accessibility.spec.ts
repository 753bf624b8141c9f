import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
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

type Setup = { releaseId: string; runId: string; templateId: string; token: string };
let setup: Promise<Setup> | undefined;

/** One release deployed to verifying, shared, for every role's walk (made once, by the first test that runs). */
function launchSetup(request: APIRequestContext): Promise<Setup> {
  setup ??= (async () => {
    const release = await readyQuickRelease(request, `E2E a11y ${Date.now()}`);
    const runId = await runProcedure(request, release, "deploy", "verifying");
    const view = (await (await request.get(`/api/releases/${release.id}`, { headers: bearer("manager@countdown.local") })).json()) as {
      template: { id: string };
    };
    const shared = await request.post(`/api/releases/${release.id}/share`, { headers: bearer("manager@countdown.local"), data: { expiresInDays: 1 } });
    const { token } = (await shared.json()) as { token: string };
    return { releaseId: release.id, runId, templateId: view.template.id, token };
  })();
  return setup;
}

// One test per role, so a slow machine spends its time budget on one role's pages, not on all of them.
for (const email of ["manager@countdown.local", "approver@countdown.local", "viewer@countdown.local", "admin@countdown.local"]) {
  test(`the main pages have no serious or critical accessibility violation for ${email}, and a skip link comes first`, async ({ browser, request }) => {
    // Eight pages with axe: minutes on a loaded machine.
    test.setTimeout(240_000);
    const { releaseId, runId, templateId } = await launchSetup(request);
    const pages: { path: string; ready: (p: Page) => Promise<void> }[] = [
      { path: "/releases", ready: (p) => expect(p.getByRole("heading", { level: 1, name: "Releases" })).toBeVisible() },
      {
        path: `/releases/${releaseId}`,
        ready: async (p) => {
          await expect(p.getByTestId("readiness-panel")).toBeVisible();
          // Managers and admins see the share links: wait for them, so Revoke is checked enabled, not mid-transition.
          if (/^(manager|admin)$/.test((await p.getByTestId("current-role").textContent()) ?? "")) {
            await expect(p.getByTestId("share-control")).toContainText("1 active link.");
          }
        },
      },
      { path: `/runs/${runId}`, ready: (p) => expect(p.getByTestId("run-facts")).toBeVisible() },
      { path: `/templates/${templateId}`, ready: (p) => expect(p.getByRole("heading", { level: 1 })).toBeVisible() },
      { path: `/releases/${releaseId}/timeline`, ready: (p) => expect(p.getByTestId("release-clock")).toBeVisible() },
      { path: "/decisions", ready: (p) => expect(p.getByRole("heading", { level: 1, name: "Waiting for my decision" })).toBeVisible() },
      { path: "/freezes", ready: (p) => expect(p.getByTestId("freeze-list").getByRole("heading", { name: "In force now" })).toBeVisible() },
      { path: "/calendar", ready: (p) => expect(p.getByTestId("calendar-zone")).toBeVisible() },
    ];
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    for (const { path, ready } of pages) {
      await page.goto(path);
      await ready(page);
      await expectAccessible(page, `${email} on ${path}`);
    }
    // The first Tab reaches the skip link, which moves focus past the navigation.
    await page.goto(`/releases/${releaseId}`);
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
    await context.close();
  });
}

test("the stakeholder's shared timeline on a phone has no serious or critical accessibility violation", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const { token } = await launchSetup(request);
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await phone.newPage();
  await page.goto(`/t/${token}`);
  await expect(page.getByTestId("release-clock")).toBeVisible();
  await expectAccessible(page, "share link");
  await phone.close();
});
