import { expect, test } from "@playwright/test";
import { bearer, signIn } from "./helpers";

test("the OpenAPI document is for signed-in callers and lists the routes", async ({ request }) => {
  expect((await request.get("/api/openapi.json")).status()).toBe(401);
  const res = await request.get("/api/openapi.json", { headers: bearer("viewer@countdown.local") });
  expect(res.status()).toBe(200);
  const document = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/releases/{id}", "/api/releases/{id}/items/{itemId}", "/api/runs/{runId}"]));
  expect(document.paths["/api/releases/{id}"].get).toMatchObject({ responses: { "200": { content: { "application/json": { schema: { type: "object" } } } } } });
});

test("the API reference page renders the document", async ({ page }) => {
  await signIn(page, "viewer@countdown.local");
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  await expect(page.getByTestId("api-reference").getByText("/api/releases/{id}/items/{itemId}", { exact: true })).toBeVisible({ timeout: 20_000 });
});
