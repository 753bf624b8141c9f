import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";

/** Today's weekday in New York (0 = Sunday) and the next day's name, for a window in force right now. */
function newYorkToday(): number {
  return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(
    new Intl.DateTimeFormat("en-US", { timeZone: "America/New_York", weekday: "short" }).format(new Date()),
  );
}
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

test("an admin adds a weekly freeze in America/New_York, sees it in force with its next occurrences in the viewer's zone, and deletes it", async ({
  browser,
  request,
}) => {
  // An environment of its own, so the freeze blocks nothing another test deploys to.
  const environment = `e2e-freeze-${Date.now()}`;
  expect((await request.post("/api/environments", { headers: bearer("admin@countdown.local"), data: { name: environment } })).status()).toBe(201);
  const reason = `E2E quiet day ${Date.now()}`;

  const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, "admin@countdown.local");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Freezes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Freezes" })).toBeVisible();

  const form = page.getByRole("region", { name: "Add a freeze window" });
  await form.getByLabel("Weekly").check();
  await form.getByLabel("Environment").selectOption(environment);
  // The viewer's zone is the default; chosen explicitly all the same.
  await expect(form.getByLabel("Time zone")).toHaveValue("America/New_York");
  await form.getByLabel("Time zone").selectOption("America/New_York");
  await form.getByLabel("Reason").fill(reason);
  const today = newYorkToday();
  await form.getByLabel("Starts on").selectOption(DAYS[today]);
  await form.getByLabel("at", { exact: true }).first().fill("00:00");
  await form.getByLabel("Ends on").selectOption(DAYS[(today + 1) % 7]);
  await form.getByLabel("at", { exact: true }).nth(1).fill("00:00");
  await form.getByRole("button", { name: "Add freeze window" }).click();

  // In force now (today 00:00 to tomorrow 00:00 New York time), with the window's zone named and the end in the
  // viewer's zone, named.
  const active = page.getByRole("region", { name: "In force now" }).getByTestId("freeze-row").filter({ hasText: reason });
  await expect(active).toBeVisible();
  await expect(active).toContainText(`Every ${DAYS[today]} 00:00 to ${DAYS[(today + 1) % 7]} 00:00 America/New_York time`);
  await expect(active.getByTestId("freeze-active")).toHaveText(/^In force now, until .*12:00 AM EST$/);
  // The next occurrences, each at midnight New York time (EST in December), UTC on hover.
  const next = active.getByTestId("freeze-occurrence");
  await expect(next).toHaveCount(2);
  for (const o of await next.all()) await expect(o).toHaveText(/^Next: .*12:00 AM EST to .*12:00 AM EST$/);
  await expect(next.first().locator("time").first()).toHaveAttribute("title", /5:00 AM UTC$/);

  // The API agrees: in force now, for anyone signed in to read.
  const view = (await (await request.get(`/api/freezes?environment=${environment}`, { headers: bearer("viewer@countdown.local") })).json()) as {
    freezes: { id: string; active: boolean }[];
  };
  expect(view.freezes).toEqual([expect.objectContaining({ active: true })]);

  // Deleting asks first; Cancel keeps it.
  await active.getByRole("button", { name: `End and delete ${reason}` }).click();
  const dialog = page.getByRole("dialog", { name: `End the freeze "${reason}" now?` });
  await expect(dialog).toContainText(`Deploys to ${environment} are allowed again`);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(active).toBeVisible();
  await active.getByRole("button", { name: `End and delete ${reason}` }).click();
  await dialog.getByRole("button", { name: "End and delete" }).click();
  await expect(active).toHaveCount(0);
  expect(
    ((await (await request.get(`/api/freezes?environment=${environment}`, { headers: bearer("viewer@countdown.local") })).json()) as { freezes: [] }).freezes,
  ).toEqual([]);
  await context.close();
});

test("a manager reads the freeze list without controls to change it", async ({ browser, request }) => {
  const environment = `e2e-freeze-ro-${Date.now()}`;
  const reason = `E2E holiday ${Date.now()}`;
  const res = await request.post("/api/freezes", {
    headers: bearer("admin@countdown.local"),
    data: { kind: "one_off", environment, reason, startsAt: "2099-12-24T00:00:00-05:00", endsAt: "2099-12-27T00:00:00-05:00" },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };

  const context = await browser.newContext({ timezoneId: "America/New_York", locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, "manager@countdown.local");
  await page.goto("/freezes");
  await expect(page.getByText("Only admins add or delete freeze windows.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Add a freeze window" })).toHaveCount(0);
  const row = page.getByRole("region", { name: "Upcoming" }).getByTestId("freeze-row").filter({ hasText: reason });
  await expect(row).toContainText("Dec 24, 2099, 12:00 AM EST to Dec 27, 2099, 12:00 AM EST");
  await expect(row.getByRole("button")).toHaveCount(0);
  await context.close();
  await request.delete(`/api/freezes/${id}`, { headers: bearer("admin@countdown.local") });
});
