import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";

test("an admin adds a Slack channel, sends a test message and sees it delivered in the log", async ({ page }) => {
  const bodies: string[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      bodies.push(body);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;
  try {
    await signIn(page, "admin@countdown.local");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" }).click();
    await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();

    const name = `#e2e-${Date.now()}`;
    await page.getByLabel("Kind").selectOption("slack");
    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByLabel("Webhook URL").fill(`http://127.0.0.1:${port}/services/T0/B0/e2eSecretPart`);
    await page.getByRole("button", { name: "Add channel" }).click();

    const channel = page.getByTestId("channel").filter({ has: page.getByRole("heading", { name }) });
    await expect(channel).toBeVisible();
    // Masked from now on: only the end of the URL shows.
    await expect(channel).not.toContainText("e2eSecretPart");
    await expect(channel).toContainText("…Part");
    await expect(channel).toContainText("Nothing sent yet");

    await channel.getByRole("button", { name: "Send test" }).click();
    await expect(channel.getByTestId("delivery-log")).toContainText("sent", { timeout: 20_000 });
    expect(JSON.parse(bodies[0]).text).toBe(`Test message from Countdown: the channel "${name}" works.`);

    // Rename it; the URL stays as it was (the field is left empty) and is still not shown.
    await channel.getByRole("button", { name: "Edit" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name", { exact: true }).fill(`${name}-renamed`);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect(dialog).toBeHidden();
    const renamed = page.getByTestId("channel").filter({ has: page.getByRole("heading", { name: `${name}-renamed` }) });
    await expect(renamed).toContainText("…Part");
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});

test("a manager has no notifications link, and the API refuses the channels to them", async ({ page, request }) => {
  await signIn(page, "manager@countdown.local");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Notifications" })).toHaveCount(0);
  await page.goto("/notifications");
  await expect(page.getByText("Only admins manage notification channels.")).toBeVisible();
  expect((await request.get("/api/notifications/channels", { headers: bearer("manager@countdown.local") })).status()).toBe(403);
});

test("an admin rotates a JSON channel's signing secret and sees the new one once", async ({ page }) => {
  await signIn(page, "admin@countdown.local");
  await page.goto("/notifications");
  const name = `e2e-json-${Date.now()}`;
  await page.getByLabel("Kind").selectOption("json");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Webhook URL").fill("https://hooks.example.test/countdown");
  await page.getByRole("button", { name: "Add channel" }).click();
  const first = await page
    .getByTestId("signing-secret")
    .getByText(/^cdwh_/)
    .textContent();
  await page.getByRole("button", { name: "I have copied it" }).click();

  const channel = page.getByTestId("channel").filter({ has: page.getByRole("heading", { name }) });
  await channel.getByRole("button", { name: "Rotate secret" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("For 24 hours deliveries also carry a signature with the current secret");
  await dialog.getByRole("button", { name: "Rotate secret" }).click();
  const shown = dialog.getByTestId("signing-secret");
  await expect(shown).toContainText("The old secret still signs deliveries too until");
  const second = await shown.getByText(/^cdwh_/).textContent();
  expect(second).toMatch(/^cdwh_[A-Za-z0-9_-]{43}$/);
  expect(second).not.toBe(first);
  await dialog.getByRole("button", { name: "I have copied it" }).click();
  await expect(dialog).toBeHidden();
  await expect(channel).toContainText("old secret signs too until");
  await expect(page.getByText(second!)).toHaveCount(0);

  // A URL on a private network is refused with the reason.
  await page.getByLabel("Kind").selectOption("slack");
  await page.getByLabel("Name", { exact: true }).fill(`${name}-internal`);
  await page.getByLabel("Webhook URL").fill("http://10.0.0.8/hook");
  await page.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "url: 10.0.0.8 is a private address" })).toBeVisible();
});
