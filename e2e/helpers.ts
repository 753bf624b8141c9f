import { execFileSync } from "node:child_process";
import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E_DATA_DIR, E2E_PASSWORD } from "../playwright.config";

const tokens = new Map<string, string>();

/** A real API token, made by the operator command against the running server's database. */
export function tokenFor(email: string): string {
  if (!tokens.has(email)) {
    const out = execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/token.ts", "--email", email], {
      env: { ...process.env, COUNTDOWN_DATA_DIR: E2E_DATA_DIR },
      encoding: "utf8",
    });
    tokens.set(email, out.trim().split("\n").pop()!);
  }
  return tokens.get(email)!;
}

export const bearer = (email: string) => ({ Authorization: `Bearer ${tokenFor(email)}` });

export async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Approvers land on what waits for their decision, everyone else on the releases.
  await expect(page.getByRole("heading", { level: 1, name: /^(Releases|Waiting for my decision)$/ })).toBeVisible();
}

/** A fresh release of the demo template, created through the API as the manager. */
/** A release of the demo template; in staging by default (no go needed there since the demo's promotion path). */
export async function createRelease(request: APIRequestContext, name: string, environment = "staging") {
  const templates = await request.get("/api/templates", { headers: bearer("manager@countdown.local") });
  expect(templates.ok()).toBeTruthy();
  const { templates: list } = (await templates.json()) as { templates: { id: string; name: string }[] };
  const template = list.find((t) => t.name.includes("demo"))!;
  const res = await request.post("/api/releases", {
    headers: bearer("manager@countdown.local"),
    data: {
      templateId: template.id,
      name,
      version: "9.9.9",
      type: "regular",
      environment,
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; phases: { items: { id: string; text: string; version: number }[] }[] };
}
