import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";

type Release = { id: string; status: string; manager: { name: string } | null };

/** A fresh release of the demo template on the demo environment (the demo service npm start runs), not ready. */
async function scheduledDemoRelease(request: import("@playwright/test").APIRequestContext, name: string): Promise<Release> {
  const manager = bearer("manager@countdown.local");
  const { templates } = (await (await request.get("/api/templates", { headers: manager })).json()) as { templates: { id: string; name: string }[] };
  const template = templates.find((t) => t.name === "Web service launch (demo)")!;
  const created = await request.post("/api/releases", {
    headers: manager,
    data: {
      templateId: template.id,
      name,
      version: "8.0.0",
      type: "regular",
      environment: "demo",
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as Release;
}

test("the demo's Run Smoke test before any deploy is a pre-flight check: it runs and the release stays scheduled", async ({ page, request }) => {
  const release = await scheduledDemoRelease(request, `E2E pre-flight ${Date.now()}`);
  expect(release.status).toBe("scheduled");

  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);
  await expect(page.getByTestId("release-manager")).toHaveText("Max Manager");
  // No rollback before a deploy started: the lifecycle offers none.
  await expect(page.getByRole("button", { name: "Run Rollback" })).toHaveCount(0);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Run Smoke test", exact: true }).click();
  const run = page.getByTestId("runs").getByRole("listitem").first();
  await expect(run).toContainText("Smoke test", { timeout: 15_000 });
  await expect(run.getByTestId("run-status")).toHaveText("succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("release-status")).toHaveText("scheduled");
  const after = (await (await request.get(`/api/releases/${release.id}`, { headers: bearer("manager@countdown.local") })).json()) as Release;
  expect(after.status).toBe("scheduled");
});

test("a refused vote is recorded once; repeated attempts get 429 with Retry-After and write nothing", async ({ request }) => {
  const release = await scheduledDemoRelease(request, `E2E denied ${Date.now()}`);
  const url = `/api/releases/${release.id}`;
  const first = await request.post(`${url}/decisions`, { headers: bearer("viewer@countdown.local"), data: { decision: "go" } });
  expect(first.status()).toBe(403);
  for (let i = 0; i < 3; i++) {
    const again = await request.post(`${url}/decisions`, { headers: bearer("viewer@countdown.local"), data: { decision: "go" } });
    expect(again.status()).toBe(429);
    expect(Number(again.headers()["retry-after"])).toBeGreaterThan(0);
  }
  const audit = (await (await request.get(`${url}/audit`, { headers: bearer("admin@countdown.local") })).json()) as { events: { type: string }[] };
  expect(audit.events.filter((e) => e.type === "decision.denied")).toHaveLength(1);
});
