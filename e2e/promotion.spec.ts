import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, signIn } from "./helpers";

type Release = { id: string; phases: { offsetMinutes: number | null; items: { id: string; required: boolean; version: number }[] }[] };
type Run = { id: string; status: string; steps: { id: string; kind: string; status: string }[] };

const manager = () => bearer("manager@countdown.local");

/** A release of the demo template promoted staging -> production (the demo seed's environments), checklist done. */
async function promotedDemoRelease(request: APIRequestContext, version: string): Promise<Release> {
  const { templates } = (await (await request.get("/api/templates", { headers: manager() })).json()) as { templates: { id: string; name: string }[] };
  const template = templates.find((t) => t.name === "Web service launch (demo)")!;
  const created = await request.post("/api/releases", {
    headers: manager(),
    data: {
      templateId: template.id,
      name: `E2E promotion ${version}`,
      version,
      type: "regular",
      environments: ["staging", "production"],
      scheduledAt: new Date(Date.now() + 3_600_000).toISOString(),
    },
  });
  expect(created.status()).toBe(201);
  const release = (await created.json()) as Release;
  for (const phase of release.phases.filter((p) => p.offsetMinutes === null || p.offsetMinutes < 0)) {
    for (const item of phase.items.filter((i) => i.required)) {
      expect(
        (await request.patch(`/api/releases/${release.id}/items/${item.id}`, { headers: manager(), data: { checked: true, version: item.version } })).status(),
      ).toBe(200);
    }
  }
  return release;
}

async function runOf(request: APIRequestContext, runId: string): Promise<Run> {
  return (await (await request.get(`/api/runs/${runId}`, { headers: manager() })).json()) as Run;
}

test("a manager deploys the demo release to staging without a go; production waits for the go/no-go", async ({ page, request, browser }) => {
  test.setTimeout(120_000);
  const release = await promotedDemoRelease(request, `8.1.${Date.now() % 1000}`);

  // Production before staging: refused, naming staging.
  const early = await request.post(`/api/releases/${release.id}/runs`, { headers: manager(), data: { procedure: "deploy", environment: "production" } });
  expect(early.status()).toBe(409);
  expect(((await early.json()) as { error: { code: string; message: string } }).error).toMatchObject({
    code: "NOT_PROMOTED",
    message: expect.stringContaining("staging"),
  });

  await signIn(page, "manager@countdown.local");
  await page.goto(`/releases/${release.id}`);
  const pipeline = page.getByTestId("promotion-pipeline");
  await expect(pipeline.getByTestId("pipeline-staging")).toHaveAttribute("data-state", "pending");
  await expect(pipeline.getByTestId("pipeline-production-text")).toHaveText("after staging");
  // No go is needed in staging (requiredGoes 0): the Deploy button sits in staging's box, enabled.
  const deploy = pipeline.getByTestId("pipeline-staging").getByRole("button", { name: "Deploy", exact: true });
  await expect(deploy).toBeEnabled();
  await deploy.click();
  // The confirmation names what will run (the cockpit's deploy dialog).
  await page
    .getByTestId("deploy-confirm")
    .getByRole("button", { name: /^Deploy / })
    .click();
  await expect(pipeline.getByTestId("pipeline-staging")).toHaveAttribute("data-state", "deploying", { timeout: 15_000 });

  // The demo deploy is a canary that waits at a gate for a person: continue it through the API.
  const detail = (await (await request.get(`/api/releases/${release.id}`, { headers: manager() })).json()) as { runs: { id: string; kind: string }[] };
  const deployRun = detail.runs.find((r) => r.kind === "deploy")!.id;
  await expect
    .poll(async () => (await runOf(request, deployRun)).steps.find((s) => s.kind === "gate" && s.status === "waiting")?.id ?? null, { timeout: 40_000 })
    .not.toBeNull();
  const gate = (await runOf(request, deployRun)).steps.find((s) => s.kind === "gate" && s.status === "waiting")!;
  expect((await request.post(`/api/runs/${deployRun}/steps/${gate.id}/continue`, { headers: manager(), data: {} })).status()).toBeLessThan(300);
  await expect.poll(async () => (await runOf(request, deployRun)).status, { timeout: 40_000 }).toBe("succeeded");
  await expect(pipeline.getByTestId("pipeline-staging")).toHaveAttribute("data-state", "verifying", { timeout: 15_000 });

  // The smoke test in staging verifies it; production becomes the next environment and waits for its gos.
  const smoke = await request.post(`/api/releases/${release.id}/runs`, { headers: manager(), data: { procedure: "smoke" } });
  expect(smoke.status()).toBe(202);
  await expect(pipeline.getByTestId("pipeline-staging")).toHaveAttribute("data-state", "deployed", { timeout: 30_000 });
  await expect(pipeline.getByTestId("pipeline-staging-text")).toContainText("verified");
  await expect(pipeline.getByTestId("pipeline-production")).toHaveAttribute("aria-current", "step");
  await expect(pipeline.getByTestId("pipeline-production-text")).toContainText("waiting for");
  await expect(pipeline.getByTestId("pipeline-production").getByRole("button", { name: "Deploy", exact: true })).toBeDisabled();
  const refused = await request.post(`/api/releases/${release.id}/runs`, { headers: manager(), data: { procedure: "deploy" } });
  expect(refused.status()).toBe(409);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("NOT_READY");

  // The stakeholders' timeline shows the same pipeline.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, "viewer@countdown.local");
  await viewer.goto(`/releases/${release.id}/timeline`);
  await expect(viewer.getByTestId("pipeline-staging")).toHaveAttribute("data-state", "deployed");
  await expect(viewer.getByTestId("pipeline-production")).toHaveAttribute("data-state", "pending");
  await viewerContext.close();
});
