import { expect, type APIRequestContext } from "@playwright/test";
import { bearer } from "./helpers";

// A launch that runs in seconds: a tiny imported runbook whose deploy and smoke test are one `echo` each, on an
// environment without protection, so a spec can walk a release from scheduled to released through the API.

const RUNBOOK = `# Quick launch

## Preparation (T-1 Day)

- [ ] Announce the launch

## Deployment

\`\`\`bash
echo "deploying"
\`\`\`

## Smoke test

\`\`\`bash
echo "healthy"
\`\`\`

## Rollback

\`\`\`bash
echo "rolled back"
\`\`\`
`;

const manager = () => bearer("manager@countdown.local");

export type QuickRelease = { id: string; name: string; version: string; procedures: { name: string; kind: string }[] };

/** A ready release (items ticked, two goes) of a fresh quick template; T-0 `inMs` from now. */
export async function readyQuickRelease(request: APIRequestContext, name: string, inMs = 86_400_000, environment = "quick-e2e"): Promise<QuickRelease> {
  const imported = await request.post(`/api/templates/import?name=${encodeURIComponent(`Quick ${Date.now()}`)}`, {
    headers: { ...manager(), "content-type": "text/markdown" },
    data: RUNBOOK,
  });
  expect(imported.status()).toBe(201);
  const { template } = (await imported.json()) as { template: { id: string } };
  const created = await request.post("/api/releases", {
    headers: manager(),
    data: { templateId: template.id, name, version: "3.1.4", type: "regular", environment, scheduledAt: new Date(Date.now() + inMs).toISOString() },
  });
  expect(created.status()).toBe(201);
  const release = (await created.json()) as QuickRelease & { phases: { items: { id: string; version: number }[] }[] };
  for (const item of release.phases.flatMap((p) => p.items)) {
    expect(
      (await request.patch(`/api/releases/${release.id}/items/${item.id}`, { headers: manager(), data: { checked: true, version: item.version } })).status(),
    ).toBe(200);
  }
  for (const approver of ["approver@countdown.local", "approver2@countdown.local"]) {
    expect((await request.post(`/api/releases/${release.id}/decisions`, { headers: bearer(approver), data: { decision: "go" } })).status()).toBe(201);
  }
  return release;
}

export async function releaseStatus(request: APIRequestContext, id: string): Promise<string> {
  return ((await (await request.get(`/api/releases/${id}`, { headers: manager() })).json()) as { status: string }).status;
}

/** Starts `kind`'s procedure through the API and waits until the release reaches `until`. */
export async function runProcedure(request: APIRequestContext, release: QuickRelease, kind: "deploy" | "smoke", until: string) {
  const procedure = release.procedures.find((p) => p.kind === kind)!.name;
  const started = await request.post(`/api/releases/${release.id}/runs`, { headers: manager(), data: { procedure } });
  expect(started.status(), await started.text()).toBe(202);
  await expect.poll(() => releaseStatus(request, release.id), { timeout: 30_000 }).toBe(until);
  return ((await started.json()) as { runId: string }).runId;
}
