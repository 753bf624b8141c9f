import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";

// A viewer's pages show step names and statuses, never the commands, request headers or output behind them;
// a manager's show them. A runbook's credential is replaced at import, and the import page says which secret to add.

const mark = `planted${Date.now()}`;
const id = Math.random().toString(36).slice(2, 8);
const runbook = `# Viewer reads

## Smoke tests

\`\`\`bash
# Print the build
echo out-${mark}; true cmd-${mark}
# Check the health endpoint
curl -fsS -H "X-Trace: hdr-${mark}" -H "Authorization: Bearer sk_live_${mark}" http://localhost:${process.env.E2E_PORT ?? 3197}/api/health
\`\`\`
`;

test("a viewer sees step names and statuses but no command, header or output; a manager sees them", async ({ browser, request }) => {
  const manager = bearer("manager@countdown.local");
  const imported = await request.post(`/api/templates/import?name=${encodeURIComponent(`Viewer reads ${id}`)}`, {
    headers: { ...manager, "Content-Type": "text/markdown" },
    data: runbook,
  });
  expect(imported.status()).toBe(201);
  const { template, credentials } = (await imported.json()) as { template: { id: string }; credentials: { name: string }[] };
  expect(credentials.map((c) => c.name)).toEqual(["API_TOKEN"]);

  // Its smoke test runs commands, which the gate holds until the release is ready: an admin waives the go/no-go.
  const policy = await request.put(`/api/templates/${template.id}/policies/regular`, {
    headers: bearer("admin@countdown.local"),
    data: { minGoes: 0, groupRules: [], version: 0, reason: "a smoke test of the viewer's reads needs no vote" },
  });
  expect(policy.status()).toBe(200);

  const created = await request.post("/api/releases", {
    headers: manager,
    data: {
      templateId: template.id,
      name: `Viewer reads ${id}`,
      version: "1.0.0",
      type: "regular",
      environment: `viewer-${Date.now()}`,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const release = (await created.json()) as { id: string };
  const started = await request.post(`/api/releases/${release.id}/runs`, { headers: manager, data: { procedure: "smoke" } });
  expect(started.status()).toBe(202);
  const { runId } = (await started.json()) as { runId: string };
  await expect
    .poll(async () => ((await (await request.get(`/api/runs/${runId}`, { headers: manager })).json()) as { status: string }).status, { timeout: 30_000 })
    .toMatch(/succeeded|failed/);

  const viewer = await (await browser.newContext()).newPage();
  await signIn(viewer, "viewer@countdown.local");
  for (const [path, shows] of [
    [`/templates/${template.id}`, "Print the build"],
    [`/runs/${runId}`, "Print the build"],
    [`/releases/${release.id}`, "Smoke"],
  ] as const) {
    await viewer.goto(path);
    await expect(viewer.getByText(shows).first()).toBeVisible();
    await viewer.waitForTimeout(1_500); // the page keeps a live stream open: never "network idle"
    expect(await viewer.content(), `${path} as a viewer`).not.toContain(mark.slice(7)); // the unique part, in any form
  }

  const managerPage = await (await browser.newContext()).newPage();
  await signIn(managerPage, "manager@countdown.local");
  await managerPage.goto(`/templates/${template.id}`);
  await expect(managerPage.getByText(`cmd-${mark}`).first()).toBeVisible();
  await managerPage.goto(`/runs/${runId}`);
  await managerPage.getByRole("button", { name: /Print the build/ }).click(); // the output panel follows the selected step
  await expect(managerPage.getByText(`out-${mark}`).first()).toBeVisible();
});

test("importing a runbook with a token names the secret to add and keeps no value", async ({ page }) => {
  await signIn(page, "manager@countdown.local");
  await page.goto("/templates/import");
  await page.getByLabel(/Or paste the runbook/).fill(runbook);
  await page.getByLabel(/Template name/).fill(`Credentials ${id}`);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status")).toContainText("add API_TOKEN to the environment's secrets");
  await page.getByRole("button", { name: "Open the template" }).click();
  await expect(page.getByTestId("template-procedure").first()).toBeVisible();
  await page.waitForTimeout(1_500);
  expect(await page.content()).not.toContain(`sk_live_${mark}`);
});
