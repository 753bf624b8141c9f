import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { bearer, signIn } from "./helpers";

type Release = { id: string; name: string; phases: { offsetMinutes: number | null; items: { id: string; required: boolean; version: number }[] }[] };

/** A regular release of the demo template on an environment of its own, with its checklist before T-0 done. */
async function releaseWithChecklistDone(request: APIRequestContext): Promise<Release> {
  const manager = bearer("manager@countdown.local");
  const { templates } = (await (await request.get("/api/templates", { headers: manager })).json()) as { templates: { id: string; name: string }[] };
  const template = templates.find((t) => t.name.includes("demo"))!;
  const res = await request.post("/api/releases", {
    headers: manager,
    data: {
      templateId: template.id,
      name: `E2E go/no-go ${Date.now()}`,
      version: "5.0.0",
      type: "regular",
      environment: `e2e-${Date.now()}`,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(res.status()).toBe(201);
  const release = (await res.json()) as Release;
  for (const phase of release.phases.filter((p) => p.offsetMinutes === null || p.offsetMinutes < 0)) {
    for (const item of phase.items.filter((i) => i.required)) {
      const tick = await request.patch(`/api/releases/${release.id}/items/${item.id}`, { headers: manager, data: { checked: true, version: item.version } });
      expect(tick.status()).toBe(200);
    }
  }
  return release;
}

async function pageAs(browser: Browser, email: string, releaseId: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  await page.goto(`/releases/${releaseId}`);
  await expect(page.getByTestId("readiness-panel")).toBeVisible();
  return { page, close: () => context.close() };
}

async function vote(page: import("@playwright/test").Page, decision: "Go" | "No-go", comment: string) {
  await page.getByRole("button", { name: decision, exact: true }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("textbox").fill(comment);
  await dialog.getByRole("button", { name: `Confirm ${decision.toLowerCase()}` }).click();
  await expect(dialog).toBeHidden();
}

test("a no-go blocks the deploy until withdrawn; two gos (lead and on-call) make the release ready", async ({ browser, request }) => {
  const release = await releaseWithChecklistDone(request);
  const approver = await pageAs(browser, "approver@countdown.local", release.id);
  const manager = await pageAs(browser, "manager@countdown.local", release.id);

  // The manager created the release: no vote buttons, a disabled Deploy with the blockers.
  await expect(manager.page.getByRole("button", { name: "Go", exact: true })).toHaveCount(0);
  await expect(manager.page.getByRole("button", { name: "Deploy", exact: true })).toBeDisabled();
  await expect(manager.page.getByTestId("blockers")).toContainText("It needs 2 more gos (0 of 2 so far).");

  // A no-go needs a comment: the confirm button stays disabled until there is one.
  await approver.page.getByRole("button", { name: "No-go", exact: true }).click();
  await expect(approver.page.getByRole("dialog").getByRole("button", { name: "Confirm no-go" })).toBeDisabled();
  await approver.page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await vote(approver.page, "No-go", "Staging error rate is 2%");
  await expect(approver.page.getByTestId("my-decision")).toHaveText("Your decision: no-go");

  // The manager's open page shows the blocker in plain words within seconds.
  await expect(manager.page.getByTestId("blockers")).toContainText('Ari Approver said no-go: "Staging error rate is 2%".', { timeout: 10_000 });
  await expect(manager.page.getByRole("button", { name: "Deploy", exact: true })).toBeDisabled();

  await approver.page.getByRole("button", { name: "Withdraw my decision" }).click();
  await expect(approver.page.getByTestId("my-decision")).toHaveCount(0);
  await expect(manager.page.getByTestId("blockers")).not.toContainText("said no-go", { timeout: 10_000 });

  await vote(approver.page, "Go", "Error rate back to 0.1%");
  await expect(approver.page.getByTestId("readiness-goes")).toHaveText("1 of 2 gos");
  await expect(manager.page.getByTestId("blockers")).toContainText("It needs 1 more go (1 of 2 so far).", { timeout: 10_000 });

  // The second approver finds the release in "Waiting for my decision" (the first has voted: not in theirs).
  const approver2 = await pageAs(browser, "approver2@countdown.local", release.id);
  await approver2.page.getByRole("link", { name: "Waiting for my decision" }).click();
  await expect(approver2.page.getByRole("heading", { name: "Waiting for my decision" })).toBeVisible();
  await approver2.page
    .getByTestId("waiting-decisions")
    .getByRole("link", { name: new RegExp(release.name) })
    .click();
  await expect(approver2.page.getByTestId("readiness-panel")).toBeVisible();
  await approver.page.goto("/decisions");
  await expect(approver.page.getByRole("heading", { name: "Waiting for my decision" })).toBeVisible();
  await expect(approver.page.getByRole("link", { name: new RegExp(release.name) })).toHaveCount(0);
  await vote(approver2.page, "Go", "");
  await expect(approver2.page.getByTestId("readiness-state")).toHaveText("Ready to deploy");

  await expect(manager.page.getByTestId("readiness-state")).toHaveText("Ready to deploy", { timeout: 10_000 });
  await expect(manager.page.getByTestId("blockers")).toHaveCount(0);
  await expect(manager.page.getByRole("button", { name: "Deploy", exact: true })).toBeEnabled();
  await manager.page.screenshot({ path: "test-results/readiness-ready-manager.png", fullPage: true });

  // The history is there for the manager's audit export.
  const audit = await request.get(`/api/releases/${release.id}/audit?format=json`, { headers: bearer("manager@countdown.local") });
  expect(audit.status()).toBe(200);
  const { events, facts } = (await audit.json()) as { events: { type: string }[]; facts: { approvers: { email: string }[] } };
  expect(events.map((e) => e.type).filter((t) => t.startsWith("decision."))).toEqual(["decision.no_go", "decision.withdrawn", "decision.go", "decision.go"]);
  expect(facts.approvers.map((a) => a.email)).toEqual(["approver@countdown.local", "approver2@countdown.local"]);

  await Promise.all([approver.close(), approver2.close(), manager.close()]);
});

test("access rules over HTTP: viewer cannot vote or export, a no-go needs a comment, an override needs a reason", async ({ request }) => {
  const release = await releaseWithChecklistDone(request);
  const url = `/api/releases/${release.id}`;
  const viewerVote = await request.post(`${url}/decisions`, { headers: bearer("viewer@countdown.local"), data: { decision: "go" } });
  expect(viewerVote.status()).toBe(403);
  const managerVote = await request.post(`${url}/decisions`, { headers: bearer("manager@countdown.local"), data: { decision: "go" } });
  expect(managerVote.status()).toBe(403);
  const bare = await request.post(`${url}/decisions`, { headers: bearer("approver@countdown.local"), data: { decision: "no-go" } });
  expect(bare.status()).toBe(422);
  const noGo = await request.post(`${url}/decisions`, { headers: bearer("approver@countdown.local"), data: { decision: "no-go", comment: "no" } });
  expect(noGo.status()).toBe(201);
  const again = await request.post(`${url}/decisions`, { headers: bearer("approver@countdown.local"), data: { decision: "no-go", comment: "no" } });
  expect(again.status()).toBe(200);
  const { decisionId } = (await noGo.json()) as { decisionId: string };
  const noReason = await request.post(`${url}/decisions/${decisionId}/override`, { headers: bearer("admin@countdown.local"), data: {} });
  expect(noReason.status()).toBe(422);
  expect((await request.get(`${url}/audit`, { headers: bearer("viewer@countdown.local") })).status()).toBe(403);
  const csv = await request.get(`${url}/audit?format=csv`, { headers: bearer("admin@countdown.local") });
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await csv.text()).split("\r\n")[0]).toBe("seq,at,type,actor,payload,prev_hash,hash,release_version,commit_sha,image_tag,approvers,rollback_ran");
  const timeline = await request.get(`${url}/timeline`, { headers: bearer("viewer@countdown.local") });
  expect(((await timeline.json()) as { decisions: { comment: string }[] }).decisions.map((d) => d.comment)).toEqual(["no"]);
  const denied = (await (await request.get(`${url}/audit`, { headers: bearer("admin@countdown.local") })).json()) as {
    events: { type: string; actor: string }[];
  };
  expect(denied.events.filter((e) => e.type === "decision.denied").map((e) => e.actor)).toEqual(["viewer@countdown.local", "manager@countdown.local"]);
});

test("an admin's freeze window shows on the release page as a blocker and goes away when deleted", async ({ browser, request }) => {
  const release = await releaseWithChecklistDone(request);
  const environment = (
    (await (await request.get(`/api/releases/${release.id}`, { headers: bearer("manager@countdown.local") })).json()) as { environment: string }
  ).environment;
  const managerCannot = await request.post("/api/freezes", {
    headers: bearer("manager@countdown.local"),
    data: { kind: "one_off", environment, reason: "x", startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString() },
  });
  expect(managerCannot.status()).toBe(403);
  const created = await request.post("/api/freezes", {
    headers: bearer("admin@countdown.local"),
    data: {
      kind: "one_off",
      environment,
      reason: "Quarter-end close",
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const freeze = (await created.json()) as { id: string; active: boolean };
  expect(freeze.active).toBe(true);

  const manager = await pageAs(browser, "manager@countdown.local", release.id);
  await expect(manager.page.getByTestId("blockers")).toContainText(`${environment} is frozen until`);
  await expect(manager.page.getByRole("button", { name: "Override and deploy…" })).toHaveCount(0);
  const viewer = await pageAs(browser, "viewer@countdown.local", release.id);
  await expect(viewer.page.getByTestId("blockers")).toContainText("Quarter-end close");
  await expect(viewer.page.getByRole("button", { name: /^(Go|No-go|Deploy)$/ })).toHaveCount(0);
  await expect(viewer.page.getByRole("link", { name: "Waiting for my decision" })).toHaveCount(0);
  await viewer.close();
  const admin = await pageAs(browser, "admin@countdown.local", release.id);
  await expect(admin.page.getByRole("button", { name: "Override and deploy…" })).toBeVisible();
  await expect(admin.page.getByRole("button", { name: "Go", exact: true })).toBeVisible();
  await admin.close();
  await expect(manager.page.getByTestId("blockers")).toContainText("Quarter-end close");
  await expect(manager.page.getByTestId("freeze-windows")).toContainText("Quarter-end close");

  expect((await request.delete(`/api/freezes/${freeze.id}`, { headers: bearer("admin@countdown.local") })).status()).toBe(200);
  await manager.page.reload();
  await expect(manager.page.getByTestId("readiness-panel")).toBeVisible();
  await expect(manager.page.getByTestId("blockers")).not.toContainText("frozen");
  await manager.close();
});
