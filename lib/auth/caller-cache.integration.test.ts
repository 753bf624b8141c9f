import { describe, expect, it } from "vitest";
import { POST as addFreeze } from "@/app/api/freezes/route";
import { GET as listTemplates } from "@/app/api/templates/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { sessionCaller } from "@/lib/auth/authenticate";
import { db } from "@/lib/db";
import { releaseSignals } from "@/lib/stream/release-signals";
import { callRoute } from "@/test/call-route";
import { createCaller, uid } from "@/test/factories";
import { ownerDb } from "@/test/owner-db";
import { waitFor } from "@/test/wait-for";

// The caller cache (lib/auth/caller-cache.ts) against the real database and its triggers: revoking a token,
// changing a role or disabling a user takes effect on the next requests without a restart.
const until = (what: string, check: () => Promise<boolean>, ms = 3_000) => waitFor(what, check, ms, 25);
const list = (token: string) => callRoute(listTemplates, "/api/templates", {}, { token });
const freeze = () => ({
  kind: "one_off",
  environment: `cache-${uid()}`,
  reason: "caller cache test",
  startsAt: "2031-01-01T00:00:00Z",
  endsAt: "2031-01-02T00:00:00Z",
});
const write = (token: string) => callRoute(addFreeze, "/api/freezes", {}, { method: "POST", token, body: freeze() });

/** Tokens revoked without the trigger's NOTIFY (as if it were lost): shows whether an answer came from the cache. */
const revokeSilently = (userId: string) =>
  ownerDb().$transaction([
    ownerDb().$executeRaw`SET LOCAL session_replication_role = replica`,
    ownerDb().apiToken.updateMany({ where: { userId }, data: { revokedAt: new Date() } }),
  ]);

describe("caller cache", () => {
  it("answers from memory while nothing changed, and forgets at once when a token is revoked or a role changes", async () => {
    const admin = await createCaller("admin");
    const token = await createApiToken(admin.id, "cache");
    await until("the LISTEN connection is up", async () => releaseSignals().listeningEpoch() !== null);
    expect((await list(token)).status).toBe(200);

    // Revoked without the trigger: the cached answer stands (this is what the cache saves: the lookup).
    await revokeSilently(admin.id);
    expect((await list(token)).status).toBe(200);
    // Any announced change to users or tokens empties the cache: the revocation is seen.
    await db().user.update({ where: { id: (await createCaller("viewer")).id }, data: { name: "Someone else" } });
    await until("the revoked token is refused", async () => (await list(token)).status === 401);

    // A role change: an admin made viewer may no longer write.
    const token2 = await createApiToken(admin.id, "cache 2");
    expect((await write(token2)).status).toBe(201);
    await db().user.update({ where: { id: admin.id }, data: { role: "viewer" } });
    await until("the new role applies", async () => (await write(token2)).status === 403);
  });

  it("a disabled user's session stops working", async () => {
    const approver = await createCaller("approver");
    await until("the LISTEN connection is up", async () => releaseSignals().listeningEpoch() !== null);
    expect((await sessionCaller(approver.id))?.role).toBe("approver");
    await db().user.update({ where: { id: approver.id }, data: { disabledAt: new Date() } });
    await until("the session is refused", async () => (await sessionCaller(approver.id)) === null);
  });

  it("caches nothing while the LISTEN connection is down", async () => {
    const viewer = await createCaller("viewer");
    const token = await createApiToken(viewer.id, "cache");
    await until("the LISTEN connection is up", async () => releaseSignals().listeningEpoch() !== null);
    expect((await list(token)).status).toBe(200);
    // Drop the LISTEN connection from the database side: once the process notices, nothing cached under it is served
    // (it reconnects under a new epoch), so a revocation whose NOTIFY it could have missed is seen.
    const [{ dropped }] = await db().$queryRaw<{ dropped: number }[]>`
      SELECT count(pg_terminate_backend(pid))::int AS dropped FROM pg_stat_activity WHERE query LIKE 'LISTEN countdown_release%' AND pid <> pg_backend_pid()`;
    expect(dropped).toBeGreaterThan(0);
    await revokeSilently(viewer.id);
    await until("the revoked token is refused", async () => (await list(token)).status === 401);
  });
});
