import { describe, expect, it } from "vitest";
import { POST as decide } from "@/app/api/releases/[id]/decisions/route";
import { PATCH as tickRoute } from "@/app/api/releases/[id]/items/[itemId]/route";
import { GET as getRelease } from "@/app/api/releases/[id]/route";
import { POST as startRunRoute } from "@/app/api/releases/[id]/runs/route";
import { POST as createShare } from "@/app/api/releases/[id]/share/route";
import { DELETE as revokeRoute } from "@/app/api/tokens/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/tokens/route";
import { GET as listTemplates } from "@/app/api/templates/route";
import { createApiToken, createApiTokenRow } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db";
import type { TCreatedToken, TTokenSummary } from "@/lib/schemas/token";
import { callRoute } from "@/test/call-route";
import { createCaller, createReleaseFixture } from "@/test/factories";
import { waitFor } from "@/test/wait-for";

// API tokens as a security team wants them (issue 17): named, expiring, scoped, listed, revocable, with lastUsedAt.
const DAY_MS = 86_400_000;
const templates = (token: string) => callRoute(listTemplates, "/api/templates", {}, { token });
const until = (what: string, check: () => Promise<boolean>, ms = 5_000) => waitFor(what, check, ms);

describe("API tokens", () => {
  it("expire: 90 days by default, never more than a year, and an expired token is refused even while remembered", async () => {
    const viewer = await createCaller("viewer");
    const { row } = await createApiTokenRow(viewer.id, "default");
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(89.9 * DAY_MS);
    expect(row.expiresAt.getTime() - Date.now()).toBeLessThan(90.1 * DAY_MS);
    await expect(createApiTokenRow(viewer.id, "too long", { expiresInDays: 366 })).rejects.toThrow(/1 to 365/);

    const old = await createApiToken(viewer.id, "old", { expiresInDays: 30, now: new Date(Date.now() - 31 * DAY_MS) });
    const res = await templates(old);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/expired/);

    // Expires 1.5 s from now: accepted (and remembered by the caller cache), then refused.
    const soon = await createApiToken(viewer.id, "soon", { expiresInDays: 1, now: new Date(Date.now() - DAY_MS + 1_500) });
    expect((await templates(soon)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_600));
    expect((await templates(soon)).status).toBe(401);
  });

  it("carry scopes: a tick token ticks and reads but cannot vote, start a run or make a share link", async () => {
    const manager = await createCaller("manager");
    const release = await createReleaseFixture(manager);
    const item = release.phases[0].items[0];
    const tick = await createApiToken(manager.id, "ci", { scopes: ["tick"] });

    expect((await callRoute(getRelease, `/api/releases/${release.id}`, { id: release.id }, { token: tick })).status).toBe(200);
    const ticked = await callRoute(
      tickRoute,
      `/api/releases/${release.id}/items/${item.id}`,
      { id: release.id, itemId: item.id },
      { method: "PATCH", token: tick, body: { checked: true, version: item.version } },
    );
    expect(ticked.status).toBe(200);

    const vote = await callRoute(
      decide,
      `/api/releases/${release.id}/decisions`,
      { id: release.id },
      { method: "POST", token: tick, body: { decision: "go" } },
    );
    expect(vote.status).toBe(403);
    expect(((await vote.json()) as { error: { message: string } }).error.message).toMatch(/scope "decide"/);
    expect(
      (await callRoute(startRunRoute, `/api/releases/${release.id}/runs`, { id: release.id }, { method: "POST", token: tick, body: { procedure: "deploy" } }))
        .status,
    ).toBe(403);
    expect((await callRoute(createShare, `/api/releases/${release.id}/share`, { id: release.id }, { method: "POST", token: tick })).status).toBe(403);
    expect(await db().decision.count({ where: { releaseId: release.id } })).toBe(0);
    expect(await db().run.count({ where: { releaseId: release.id } })).toBe(0);

    // A decide token of an approver votes; a read token reads and changes nothing.
    const approver = await createCaller("approver");
    const decideToken = await createApiToken(approver.id, "vote", { scopes: ["decide"] });
    expect(
      (await callRoute(decide, `/api/releases/${release.id}/decisions`, { id: release.id }, { method: "POST", token: decideToken, body: { decision: "go" } }))
        .status,
    ).toBe(201);
    const read = await createApiToken(manager.id, "dashboard", { scopes: ["read"] });
    expect((await templates(read)).status).toBe(200);
    expect(
      (
        await callRoute(
          tickRoute,
          `/api/releases/${release.id}/items/${item.id}`,
          { id: release.id, itemId: item.id },
          { method: "PATCH", token: read, body: { checked: false, version: item.version + 1 } },
        )
      ).status,
    ).toBe(403);
  });

  it("are made, listed and revoked by their owner (shown once), and by an admin for anyone", async () => {
    const manager = await createCaller("manager");
    const own = await createApiToken(manager.id, "setup", { scopes: ["admin"], expiresInDays: 10 });
    const made = await callRoute(
      createRoute,
      "/api/tokens",
      {},
      { method: "POST", token: own, body: { name: "deploy bot", scopes: ["run", "read"], expiresInDays: 7 } },
    );
    expect(made.status).toBe(201);
    const created = (await made.json()) as TCreatedToken;
    expect(created).toMatchObject({ name: "deploy bot", scopes: ["run", "read"], state: "active", lastUsedAt: null, user: { id: manager.id } });
    expect(new Date(created.expiresAt).getTime() - Date.now()).toBeLessThan(7 * DAY_MS + 5_000);
    expect(
      (await callRoute(createRoute, "/api/tokens", {}, { method: "POST", token: own, body: { name: "forever", scopes: ["read"], expiresInDays: 400 } })).status,
    ).toBe(400);
    // Made with a token that expires in 10 days: no new token may outlive it.
    expect(
      (await callRoute(createRoute, "/api/tokens", {}, { method: "POST", token: own, body: { name: "longer", scopes: ["read"], expiresInDays: 30 } })).status,
    ).toBe(422);
    // Only an admin makes tokens for someone else.
    const other = await createCaller("viewer");
    expect(
      (await callRoute(createRoute, "/api/tokens", {}, { method: "POST", token: own, body: { name: "x", scopes: ["read"], userId: other.id } })).status,
    ).toBe(403);

    const listed = (await (await callRoute(listRoute, "/api/tokens", {}, { token: own })).json()) as { tokens: TTokenSummary[] };
    expect(listed.tokens.map((t) => t.name).sort()).toEqual(["deploy bot", "setup"]);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect((await callRoute(listRoute, "/api/tokens?all=1", {}, { token: own })).status).toBe(403);

    expect((await templates(created.token)).status).toBe(200);
    // Someone else's token looks unknown to a non-admin.
    const otherToken = await createApiTokenRow(other.id, "theirs");
    expect((await callRoute(revokeRoute, `/api/tokens/${otherToken.row.id}`, { id: otherToken.row.id }, { method: "DELETE", token: own })).status).toBe(404);
    const revoked = await callRoute(revokeRoute, `/api/tokens/${created.id}`, { id: created.id }, { method: "DELETE", token: own });
    expect(revoked.status).toBe(200);
    expect(((await revoked.json()) as TTokenSummary).state).toBe("revoked");
    await until("the revoked token is refused", async () => (await templates(created.token)).status === 401);

    // An admin lists and revokes anyone's.
    const admin = await createCaller("admin");
    const adminToken = await createApiToken(admin.id, "admin");
    const all = (await (await callRoute(listRoute, "/api/tokens?all=1", {}, { token: adminToken })).json()) as { tokens: TTokenSummary[] };
    expect(all.tokens.map((t) => t.id)).toContain(otherToken.row.id);
    expect((await callRoute(revokeRoute, `/api/tokens/${otherToken.row.id}`, { id: otherToken.row.id }, { method: "DELETE", token: adminToken })).status).toBe(
      200,
    );
    await until("the admin-revoked token is refused", async () => (await templates(otherToken.token)).status === 401);
  });

  it("record when they were last used, at most once a minute", async () => {
    const viewer = await createCaller("viewer");
    const { token, row } = await createApiTokenRow(viewer.id, "dashboard", { scopes: ["read"] });
    expect(row.lastUsedAt).toBeNull();
    expect((await templates(token)).status).toBe(200);
    let first: Date | null = null;
    await until("lastUsedAt is written", async () => {
      first = (await db().apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt;
      return first !== null;
    });
    expect(Date.now() - first!.getTime()).toBeLessThan(10_000);
    for (let i = 0; i < 3; i++) expect((await templates(token)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).toEqual(first);
  });
});
