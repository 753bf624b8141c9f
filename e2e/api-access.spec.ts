import { expect, test } from "@playwright/test";
import { bearer, createRelease } from "./helpers";

test("health answers with database and queue ok", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "ok", queue: "ok" });
});

test("anonymous calls get 401 in the error shape", async ({ request }) => {
  for (const path of ["/api/releases", "/api/templates"]) {
    const res = await request.get(path);
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
  }
  const bad = await request.get("/api/releases", { headers: { Authorization: "Bearer cd_not-a-token" } });
  expect(bad.status()).toBe(401);
});

test("a viewer's token lists releases but a viewer's PATCH gets 403", async ({ request }) => {
  const release = await createRelease(request, `E2E access ${Date.now()}`);
  const list = await request.get("/api/releases", { headers: bearer("viewer@countdown.local") });
  expect(list.status()).toBe(200);
  const { releases } = (await list.json()) as { releases: { id: string }[] };
  expect(releases.map((r) => r.id)).toContain(release.id);
  expect(releases.some((r) => (r as unknown as { name: string }).name === "Checkout service")).toBe(true);

  const item = release.phases[0].items[0];
  const patch = await request.patch(`/api/releases/${release.id}/items/${item.id}`, {
    headers: bearer("viewer@countdown.local"),
    data: { checked: true, version: item.version },
  });
  expect(patch.status()).toBe(403);
  expect((await patch.json()).error.code).toBe("FORBIDDEN");
  const after = await (await request.get(`/api/releases/${release.id}`, { headers: bearer("viewer@countdown.local") })).json();
  expect(after.phases[0].items[0].checked).toBe(false);
});

test("bad input gets a 4xx naming the field, never a 500", async ({ request }) => {
  const release = await createRelease(request, `E2E input ${Date.now()}`);
  const item = release.phases[0].items[0];
  const url = `/api/releases/${release.id}/items/${item.id}`;
  const manager = bearer("manager@countdown.local");

  const wrongType = await request.patch(url, { headers: manager, data: { checked: "yes", version: 1 } });
  expect(wrongType.status()).toBe(400);
  expect((await wrongType.json()).error.details.issues[0].path).toBe("checked");

  const extra = await request.patch(url, { headers: manager, data: { checked: true, version: 1, checkedBy: "someone" } });
  expect(extra.status()).toBe(400);

  const notJson = await request.patch(url, { headers: { ...manager, "Content-Type": "application/json" }, data: "{nope" });
  expect(notJson.status()).toBe(400);

  const unknownRelease = await request.get("/api/releases/not-a-uuid", { headers: manager });
  expect(unknownRelease.status()).toBe(404);

  const ok = await request.patch(url, { headers: manager, data: { checked: true, version: item.version } });
  expect(ok.status()).toBe(200);
  const stale = await request.patch(url, { headers: manager, data: { checked: false, version: item.version } });
  expect(stale.status()).toBe(409);
  expect((await stale.json()).error.details.field).toBe("version");

  const badRelease = await request.post("/api/releases", { headers: manager, data: { templateId: "x", name: "", type: "weekly" } });
  expect(badRelease.status()).toBe(400);
});

test("a cookie-authenticated mutation from another site is refused", async ({ page, request, baseURL }) => {
  const release = await createRelease(request, `E2E csrf ${Date.now()}`);
  const item = release.phases[0].items[0];
  // Sign in through next-auth's own endpoints, then replay the session cookie with a foreign Origin.
  const csrf = await (await page.request.get("/api/auth/csrf")).json();
  const signIn = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email: "manager@countdown.local", password: "e2e-demo-password", json: "true" },
  });
  expect(signIn.ok()).toBeTruthy();
  const url = `/api/releases/${release.id}/items/${item.id}`;
  const forged = await page.request.patch(url, {
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    data: { checked: true, version: item.version },
  });
  expect(forged.status()).toBe(403);
  const same = await page.request.patch(url, {
    headers: { Origin: baseURL!, "Sec-Fetch-Site": "same-origin" },
    data: { checked: true, version: item.version },
  });
  expect(same.status()).toBe(200);
});

test("a release read revalidates with its ETag: 304 while nothing changed, 200 after a tick", async ({ request }) => {
  const release = await createRelease(request, `E2E etag ${Date.now()}`);
  const headers = bearer("manager@countdown.local");
  const first = await request.get(`/api/releases/${release.id}`, { headers });
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^W\/".+"$/);
  expect((await request.get(`/api/releases/${release.id}`, { headers: { ...headers, "If-None-Match": etag } })).status()).toBe(304);
  const item = release.phases[0].items[0];
  expect((await request.patch(`/api/releases/${release.id}/items/${item.id}`, { headers, data: { checked: true, version: item.version } })).status()).toBe(200);
  const after = await request.get(`/api/releases/${release.id}`, { headers: { ...headers, "If-None-Match": etag } });
  expect(after.status()).toBe(200);
  expect((await after.json()).phases[0].items[0].checked).toBe(true);
});
