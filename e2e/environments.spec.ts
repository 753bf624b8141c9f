import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";

test("an admin creates an environment with a variable and a secret, and sees the secret's name but never its value", async ({ page, request }) => {
  const name = `e2e-staging-${Date.now()}`;
  const secretValue = `e2e-Secret-${Date.now()}-value`;
  await signIn(page, "admin@countdown.local");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environments" }).click();
  await expect(page.getByRole("heading", { name: "Environments", level: 1 })).toBeVisible();

  const add = page.getByRole("region", { name: "Add an environment" });
  await add.getByLabel("Environment name").fill(name);
  await add.getByRole("button", { name: "Add variable" }).click();
  await add.getByLabel("Variable name").fill("API_URL");
  await add.getByLabel("Value").fill("https://staging.example.com");
  await add.getByRole("button", { name: "Add environment" }).click();

  const card = page.getByTestId("environment").filter({ has: page.getByRole("heading", { name, exact: true }) });
  await expect(card).toBeVisible();
  await expect(card.getByLabel("Variable name")).toHaveValue("API_URL");
  await expect(card.getByLabel("Value", { exact: true })).toHaveValue("https://staging.example.com");
  await expect(card).toContainText("Nothing deployed here yet.");

  // Set a secret: the name is upper-cased as typed, the value field is cleared once it is sent.
  await card.getByLabel("Secret name").fill("deploy_token");
  await expect(card.getByLabel("Secret name")).toHaveValue("DEPLOY_TOKEN");
  await card.getByLabel("Secret value").fill(secretValue);
  await card.getByRole("button", { name: "Set secret" }).click();
  await expect(card.getByRole("status")).toContainText("DEPLOY_TOKEN set");
  await expect(card.getByLabel("Secret value")).toHaveValue("");

  const secret = card.getByTestId("secret");
  await expect(secret).toHaveCount(1);
  await expect(secret).toContainText("DEPLOY_TOKEN");
  await expect(secret).toContainText("set ");
  await expect(secret.getByRole("button", { name: "Replace the secret DEPLOY_TOKEN" })).toBeVisible();

  // Nowhere on the page, nor in what the API answers, is the value.
  await page.reload();
  await expect(card.getByTestId("secret")).toContainText("DEPLOY_TOKEN");
  expect(await page.content()).not.toContain(secretValue);
  const listed = await request.get("/api/environments", { headers: bearer("admin@countdown.local") });
  expect(listed.ok()).toBeTruthy();
  const text = await listed.text();
  expect(text).toContain("DEPLOY_TOKEN");
  expect(text).not.toContain(secretValue);

  // The audit log names the secret, not its value.
  await expect(page.getByTestId("environment-audit").getByRole("listitem").filter({ hasText: name }).first()).toContainText("set the secret DEPLOY_TOKEN");
  await expect(page.getByTestId("environment-audit")).not.toContainText(secretValue);

  // Replace, by keyboard: the value field takes the focus; one too short to mask is not sent.
  await secret.getByRole("button", { name: "Replace the secret DEPLOY_TOKEN" }).click();
  await expect(card.getByLabel("Secret value")).toBeFocused();
  await page.keyboard.type("12345");
  await page.keyboard.press("Enter");
  // The browser's own minLength check keeps a too-short value from being sent.
  await expect(card.getByRole("button", { name: "Replace secret" })).toBeVisible();
  expect(await card.getByLabel("Secret value").evaluate((el: HTMLInputElement) => el.validity.tooShort)).toBe(true);
});

test("a manager has no Environments link, the page tells them it is for admins, and the API refuses their writes", async ({ page, request }) => {
  await signIn(page, "manager@countdown.local");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Environments" })).toHaveCount(0);
  await page.goto("/environments");
  await expect(page.getByText("Only admins manage environments.")).toBeVisible();
  const res = await request.post("/api/environments", { headers: bearer("manager@countdown.local"), data: { name: "not-mine" } });
  expect(res.status()).toBe(403);
});
