import { callRoute } from "@/test/call-route";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listChannelsRoute, POST as createChannelRoute } from "@/app/api/notifications/channels/route";
import { DELETE as deleteChannelRoute, PATCH as patchChannelRoute } from "@/app/api/notifications/channels/[id]/route";
import { GET as deliveriesRoute } from "@/app/api/notifications/channels/[id]/deliveries/route";
import { POST as testRoute } from "@/app/api/notifications/channels/[id]/test/route";
import { POST as rotateRoute } from "@/app/api/notifications/channels/[id]/rotate-secret/route";
import { GET as listSubscriptionsRoute, POST as createSubscriptionRoute } from "@/app/api/notifications/subscriptions/route";
import { PUT as putRemindersRoute } from "@/app/api/templates/[id]/reminders/route";
import { POST as decideRoute } from "@/app/api/releases/[id]/decisions/route";
import { PATCH as rescheduleRoute } from "@/app/api/releases/[id]/route";
import { POST as cancelReleaseRoute } from "@/app/api/releases/[id]/cancel/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { Caller } from "@/lib/auth/roles";
import { db } from "@/lib/db";
import { createChannel } from "@/lib/notifications/create-channel";
import { rotateChannelSecret } from "@/lib/notifications/rotate-channel-secret";
import { signBody } from "@/lib/notifications/signature";
import { openSecret } from "@/lib/secrets/secret-box";
import { createSubscription } from "@/lib/notifications/create-subscription";
import { fireDueReminders } from "@/lib/notifications/fire-reminders";
import { sweepNotifications } from "@/workers/notifications/sweep-notifications";
import type { NotificationEventType } from "@/lib/notifications/event-types";
import { createCaller, createReleaseFixture, createTemplateFixture, uid } from "@/test/factories";
import { startInProcessWorker } from "@/test/run-fixtures";
import { startReceiver, waitFor } from "@/test/webhook-receiver";
import { createRelease } from "@/lib/releases/create-release";
import { queueBackend } from "@/lib/queue/backend";
import { ensureSchedules, NOTIFICATION_SWEEP_SCHEDULER } from "@/lib/queue/schedules";
import { processJob } from "@/workers/process-job";
import { reloadConfig } from "@/lib/config";

// Small backoff and few tries, so retries take a second, not minutes (read when each job is enqueued).
const BACKOFF_MS = 300;
process.env.COUNTDOWN_NOTIFY_BACKOFF_MS = String(BACKOFF_MS);
process.env.COUNTDOWN_NOTIFY_ATTEMPTS = "3";
reloadConfig();

let worker: ReturnType<typeof startInProcessWorker>;
beforeAll(() => {
  worker = startInProcessWorker();
});
afterAll(() => worker.stop());

async function adminToken() {
  const admin = await createCaller("admin");
  return { admin, token: await createApiToken(admin.id, "test") };
}

async function subscribe(channelId: string, target: { templateId: string } | { releaseId: string }, eventTypes: NotificationEventType[]) {
  return createSubscription({ channelId, ...target, eventTypes });
}

async function deliveriesOf(channelId: string) {
  return db().notificationDelivery.findMany({ where: { channelId }, orderBy: { createdAt: "asc" } });
}

async function approver(): Promise<Caller> {
  return createCaller("approver", ["lead"]);
}

describe("webhook channels", () => {
  it("sign JSON deliveries with the secret shown once; the receiver can verify them from the raw bytes", async () => {
    const receiver = await startReceiver();
    try {
      const { admin, token } = await adminToken();
      const created = await callRoute(
        createChannelRoute,
        "/api/notifications/channels",
        {},
        { method: "POST", token, body: { kind: "json", name: "Audit sink", url: receiver.url("/hooks/countdown?key=abc123") } },
      );
      expect(created.status).toBe(201);
      const { channel, signingSecret } = (await created.json()) as { channel: { id: string; url: string; signed: boolean }; signingSecret: string };
      expect(signingSecret).toMatch(/^cdwh_[A-Za-z0-9_-]{43}$/);
      expect(channel.signed).toBe(true);
      expect(channel.url).not.toContain("abc123");

      // Never again: not in the list, not in an update's answer, not in the database in plain text.
      const list = await (await callRoute(listChannelsRoute, "/api/notifications/channels", {}, { token })).text();
      const patched = await (
        await callRoute(patchChannelRoute, `/api/notifications/channels/${channel.id}`, { id: channel.id }, { method: "PATCH", token, body: { name: "Audit" } })
      ).text();
      const row = await db().notificationChannel.findUniqueOrThrow({ where: { id: channel.id } });
      for (const text of [list, patched, JSON.stringify(row)]) {
        expect(text).not.toContain(signingSecret);
        expect(text).not.toContain("abc123");
      }

      const manager = await createCaller("manager");
      const template = await createTemplateFixture();
      await subscribe(channel.id, { templateId: template.id }, ["release.scheduled"]);
      const release = await createRelease(
        {
          templateId: template.id,
          name: `Checkout ${uid()}`,
          version: "2.4.0",
          type: "regular",
          environment: `env-${uid()}`,
          scheduledAt: new Date("2031-03-04T10:00:00Z"),
        },
        manager,
      );
      expect(await deliveriesOf(channel.id)).toMatchObject([{ status: "pending", eventType: "release.scheduled", releaseId: release.id }]);

      await sweepNotifications();
      await waitFor("the delivery", () => receiver.received.length === 1);
      const [got] = receiver.received;
      expect(got.path).toBe("/hooks/countdown?key=abc123");
      expect(got.headers["content-type"]).toBe("application/json");

      // An independent check, the way a receiver would do it: HMAC over "<timestamp>.<raw body>".
      const timestamp = String(got.headers["x-countdown-timestamp"]);
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
      const expected =
        "sha256=" +
        crypto
          .createHmac("sha256", signingSecret)
          .update(Buffer.concat([Buffer.from(`${timestamp}.`), got.raw]))
          .digest("hex");
      const sent = String(got.headers["x-countdown-signature"]);
      expect(crypto.timingSafeEqual(Buffer.from(sent), Buffer.from(expected))).toBe(true);
      const wrongSecret = "sha256=" + crypto.createHmac("sha256", "cdwh_not-the-secret").update(`${timestamp}.${got.raw.toString()}`).digest("hex");
      expect(sent).not.toBe(wrongSecret);

      const body = JSON.parse(got.raw.toString("utf8"));
      const [delivery] = await deliveriesOf(channel.id);
      expect(body).toMatchObject({
        id: delivery.id,
        type: "release.scheduled",
        release: { id: release.id, name: release.name, version: "2.4.0", status: "scheduled", scheduledAt: "2031-03-04T10:00:00.000Z" },
        data: { event: "release.created", scheduledAt: "2031-03-04T10:00:00.000Z" },
      });
      expect(new Date(body.occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
      expect(body.data).not.toHaveProperty("actorId");
      await waitFor("the row to say sent", async () => (await deliveriesOf(channel.id))[0].status === "sent");
      expect((await deliveriesOf(channel.id))[0]).toMatchObject({ status: "sent", attempts: 1, lastStatus: 200, lastError: null });

      // A second sweep finds nothing to hand over: one message, one request.
      expect((await sweepNotifications()).dispatched).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.received).toHaveLength(1);
      void admin;
    } finally {
      await receiver.close();
    }
  });

  it("post Slack's incoming-webhook shape, with the vote and who cast it", async () => {
    const receiver = await startReceiver();
    try {
      const { admin } = await adminToken();
      const { channel, ...rest } = await createChannel(
        { kind: "slack", name: "#releases", url: receiver.url("/services/T000/B000/XXXXsecretXXXX"), enabled: true },
        admin,
      );
      expect(rest).not.toHaveProperty("signingSecret");
      expect(channel.url).toBe(`${new URL(receiver.url("/")).origin}/…XXXX`);
      const manager = await createCaller("manager");
      const release = await createReleaseFixture(manager);
      await subscribe(channel.id, { releaseId: release.id }, ["decision.made"]);
      const lead = await approver();
      const voted = await callRoute(
        decideRoute,
        `/api/releases/${release.id}/decisions`,
        { id: release.id },
        { method: "POST", token: await createApiToken(lead.id, "t"), body: { decision: "go", comment: "Looks <good> & tested" } },
      );
      expect(voted.status).toBe(201);

      await sweepNotifications();
      await waitFor("the Slack post", () => receiver.received.length === 1);
      const body = JSON.parse(receiver.received[0].raw.toString("utf8"));
      expect(Object.keys(body).sort()).toEqual(["blocks", "text"]);
      expect(body.text).toBe(`${release.name} 1.0.0: go by ${lead.name}: Looks &lt;good&gt; &amp; tested`);
      expect(body.blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: body.text } });
      expect(body.blocks[1].type).toBe("context");
      expect(receiver.received[0].headers).not.toHaveProperty("x-countdown-signature");
    } finally {
      await receiver.close();
    }
  });

  it("retry a failing receiver with exponential backoff, updating one delivery row until it is sent", async () => {
    const receiver = await startReceiver([500, 502, 200]);
    try {
      const { admin } = await adminToken();
      const { channel } = await createChannel({ kind: "json", name: "flaky", url: receiver.url("/flaky"), enabled: true }, admin);
      const manager = await createCaller("manager");
      const release = await createReleaseFixture(manager);
      await subscribe(channel.id, { releaseId: release.id }, ["decision.made"]);
      const lead = await approver();
      await callRoute(
        decideRoute,
        `/api/releases/${release.id}/decisions`,
        { id: release.id },
        { method: "POST", token: await createApiToken(lead.id, "t"), body: { decision: "go" } },
      );

      await sweepNotifications();
      await waitFor("three attempts", () => receiver.received.length === 3);
      await waitFor("the row to say sent", async () => (await deliveriesOf(channel.id))[0]?.status === "sent");
      const rows = await deliveriesOf(channel.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: "sent", attempts: 3, lastStatus: 200, lastError: null });
      // Exponential: the second retry waits about twice as long as the first (timer slack allowed below).
      const [a, b, c] = receiver.received.map((r) => r.at);
      expect(b - a).toBeGreaterThanOrEqual(BACKOFF_MS * 0.9);
      expect(c - b).toBeGreaterThanOrEqual(2 * BACKOFF_MS * 0.9);
      // Each attempt is signed afresh but carries the same delivery id, so the receiver can drop duplicates.
      const ids = receiver.received.map((r) => JSON.parse(r.raw.toString()).id);
      expect(new Set(ids)).toEqual(new Set([rows[0].id]));
    } finally {
      await receiver.close();
    }
  });

  it("give up on a receiver that keeps failing without holding up the release, and never log the URL", async () => {
    const receiver = await startReceiver([503]);
    const logged: string[] = [];
    const original = { error: console.error, log: console.log, warn: console.warn };
    for (const level of ["error", "log", "warn"] as const) console[level] = (...args: unknown[]) => logged.push(args.map(String).join(" "));
    try {
      const { admin } = await adminToken();
      const secretPath = "/services/T111/B222/neverLogThisPart";
      const { channel } = await createChannel({ kind: "slack", name: "down", url: receiver.url(secretPath), enabled: true }, admin);
      const gone = await createChannel({ kind: "slack", name: "revoked", url: receiver.url("/gone"), enabled: true }, admin);
      const manager = await createCaller("manager");
      const release = await createReleaseFixture(manager);
      await subscribe(channel.id, { releaseId: release.id }, ["decision.made"]);
      const lead = await approver();
      const started = Date.now();
      const voted = await callRoute(
        decideRoute,
        `/api/releases/${release.id}/decisions`,
        { id: release.id },
        { method: "POST", token: await createApiToken(lead.id, "t"), body: { decision: "go" } },
      );
      expect(voted.status).toBe(201);
      expect(Date.now() - started).toBeLessThan(5_000);

      await sweepNotifications();
      await waitFor("the row to fail", async () => (await deliveriesOf(channel.id))[0]?.status === "failed", 30_000);
      expect((await deliveriesOf(channel.id))[0]).toMatchObject({ status: "failed", attempts: 3, lastStatus: 503, lastError: "HTTP 503 Service Unavailable" });
      expect(receiver.received).toHaveLength(3);
      expect(await db().decision.count({ where: { releaseId: release.id } })).toBe(1);

      // A receiver on which nothing listens: a network error, recorded without the address's path.
      await receiver.close();
      await db().notificationDelivery.create({
        data: { channelId: gone.channel.id, key: `test:${uid()}`, eventType: "test", data: {}, occurredAt: new Date() },
      });
      await sweepNotifications();
      await waitFor("the unreachable one to fail", async () => (await deliveriesOf(gone.channel.id))[0]?.status === "failed", 30_000);
      expect((await deliveriesOf(gone.channel.id))[0]).toMatchObject({ lastStatus: null, lastError: "could not reach the receiver (ECONNREFUSED)" });

      expect(logged.join("\n")).not.toContain("neverLogThisPart");
      const events = await db().event.findMany({ where: { releaseId: release.id } });
      expect(JSON.stringify(events.map((e) => e.payload))).not.toContain("neverLogThisPart");
    } finally {
      Object.assign(console, original);
      await receiver.close().catch(() => undefined);
    }
  });

  it("stop at once on a 4xx that retrying cannot fix", async () => {
    const receiver = await startReceiver([404]);
    try {
      const { admin, token } = await adminToken();
      const { channel } = await createChannel({ kind: "slack", name: "revoked", url: receiver.url("/revoked"), enabled: false }, admin);
      // A test message goes out even while the channel is disabled: that is how an admin checks it first.
      const sent = await callRoute(testRoute, `/api/notifications/channels/${channel.id}/test`, { id: channel.id }, { method: "POST", token });
      expect(sent.status).toBe(202);
      await waitFor("the test to fail", async () => (await deliveriesOf(channel.id))[0]?.status === "failed");
      expect((await deliveriesOf(channel.id))[0]).toMatchObject({ attempts: 1, lastStatus: 404, eventType: "test" });
      expect(JSON.parse(receiver.received[0].raw.toString()).text).toBe('Test message from Countdown: the channel "revoked" works.');

      const log = (await (await callRoute(deliveriesRoute, `/api/notifications/channels/${channel.id}/deliveries`, { id: channel.id }, { token })).json()) as {
        deliveries: unknown[];
      };
      expect(log.deliveries).toMatchObject([{ eventType: "test", status: "failed", attempts: 1, lastStatus: 404, lastError: "HTTP 404 Not Found" }]);
    } finally {
      await receiver.close();
    }
  });
});

/** The verification snippet of docs/notifications.md, as a receiver would paste it. */
function verifyCountdown(rawBody: Buffer, headers: Record<string, string | string[] | undefined>, secret: string, toleranceSeconds = 300) {
  const timestamp = headers["x-countdown-timestamp"] as string | undefined;
  const signatures = String(headers["x-countdown-signature"] ?? "").split(",");
  if (!/^\d+$/.test(timestamp ?? "") || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from("sha256=" + crypto.createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex"));
  return signatures.some((signature) => {
    const got = Buffer.from(signature.trim());
    return got.length === expected.length && crypto.timingSafeEqual(got, expected);
  });
}

describe("rotating a signing secret", () => {
  it("shows the new secret once and signs with both secrets for the grace period, the newest first", async () => {
    const receiver = await startReceiver();
    const logged: string[] = [];
    const original = { error: console.error, log: console.log, warn: console.warn, info: console.info };
    for (const level of ["error", "log", "warn", "info"] as const) console[level] = (...args: unknown[]) => logged.push(args.map(String).join(" "));
    try {
      const { token } = await adminToken();
      const created = await callRoute(
        createChannelRoute,
        "/api/notifications/channels",
        {},
        { method: "POST", token, body: { kind: "json", name: "rotating", url: receiver.url("/rotating") } },
      );
      const { channel, signingSecret: first } = (await created.json()) as { channel: { id: string }; signingSecret: string };
      const rotate = async () => {
        const res = await callRoute(rotateRoute, `/api/notifications/channels/${channel.id}/rotate-secret`, { id: channel.id }, { method: "POST", token });
        expect(res.status).toBe(200);
        return (await res.json()) as { channel: { previousSecretValidUntil: string | null }; signingSecret: string };
      };
      const sendTest = async (n: number) => {
        await callRoute(testRoute, `/api/notifications/channels/${channel.id}/test`, { id: channel.id }, { method: "POST", token });
        await waitFor(`test message ${n}`, () => receiver.received.length === n);
        return receiver.received[n - 1];
      };

      const rotated = await rotate();
      const second = rotated.signingSecret;
      expect(second).toMatch(/^cdwh_[A-Za-z0-9_-]{43}$/);
      expect(second).not.toBe(first);
      const graceEnds = new Date(rotated.channel.previousSecretValidUntil!).getTime();
      expect(Math.abs(graceEnds - (Date.now() + 24 * 3600_000))).toBeLessThan(60_000);

      const both = await sendTest(1);
      expect(String(both.headers["x-countdown-signature"])).toMatch(/^sha256=[0-9a-f]{64},sha256=[0-9a-f]{64}$/);
      const [newest] = String(both.headers["x-countdown-signature"]).split(",");
      expect(newest).toBe(signBody(second, both.raw.toString("utf8"), Number(both.headers["x-countdown-timestamp"])));
      expect(verifyCountdown(both.raw, both.headers, second)).toBe(true);
      expect(verifyCountdown(both.raw, both.headers, first)).toBe(true);
      expect(verifyCountdown(both.raw, both.headers, "cdwh_someone-else")).toBe(false);

      // Rotated again within the grace period: the first secret stops signing at once.
      const third = (await rotate()).signingSecret;
      const latest = await sendTest(2);
      expect(String(latest.headers["x-countdown-signature"]).split(",")).toHaveLength(2);
      expect([third, second, first].map((s) => verifyCountdown(latest.raw, latest.headers, s))).toEqual([true, true, false]);

      // Sealed at rest, never in a list, a log line or the database in plain text.
      const row = await db().notificationChannel.findUniqueOrThrow({ where: { id: channel.id } });
      const list = await (await callRoute(listChannelsRoute, "/api/notifications/channels", {}, { token })).text();
      for (const secret of [first, second, third]) {
        expect(JSON.stringify(row)).not.toContain(secret);
        expect(list).not.toContain(secret);
        expect(logged.join("\n")).not.toContain(secret);
      }
      expect(openSecret(row.secretSealed!)).toBe(third);
      expect(openSecret(row.previousSecretSealed!)).toBe(second);
    } finally {
      Object.assign(console, original);
      await receiver.close();
    }
  });

  it("signs with the new secret alone once the grace period is over; only admins rotate, only JSON channels have a secret", async () => {
    const receiver = await startReceiver();
    try {
      const { admin, token } = await adminToken();
      const { channel } = await createChannel({ kind: "json", name: "old rotation", url: receiver.url("/old"), enabled: true }, admin);
      // Rotated 25 hours ago: the grace period is over.
      const { signingSecret } = await rotateChannelSecret(channel.id, new Date(Date.now() - 25 * 3600_000));
      const listed = (await (await callRoute(listChannelsRoute, "/api/notifications/channels", {}, { token })).json()) as {
        channels: { id: string; previousSecretValidUntil: string | null }[];
      };
      expect(listed.channels.find((c) => c.id === channel.id)?.previousSecretValidUntil).toBeNull();
      await callRoute(testRoute, `/api/notifications/channels/${channel.id}/test`, { id: channel.id }, { method: "POST", token });
      await waitFor("the test message", () => receiver.received.length === 1);
      const [got] = receiver.received;
      expect(String(got.headers["x-countdown-signature"])).toBe(
        signBody(signingSecret, got.raw.toString("utf8"), Number(got.headers["x-countdown-timestamp"])),
      );

      const slack = await createChannel({ kind: "slack", name: "no secret", url: receiver.url("/slack"), enabled: true }, admin);
      const refused = await callRoute(
        rotateRoute,
        `/api/notifications/channels/${slack.channel.id}/rotate-secret`,
        { id: slack.channel.id },
        { method: "POST", token },
      );
      expect(refused.status).toBe(422);
      for (const role of ["manager", "approver", "viewer"] as const) {
        const t = await createApiToken((await createCaller(role)).id, "t");
        expect(
          (await callRoute(rotateRoute, `/api/notifications/channels/${channel.id}/rotate-secret`, { id: channel.id }, { method: "POST", token: t })).status,
          role,
        ).toBe(403);
      }
      const missing = crypto.randomUUID();
      expect((await callRoute(rotateRoute, `/api/notifications/channels/${missing}/rotate-secret`, { id: missing }, { method: "POST", token })).status).toBe(
        404,
      );
    } finally {
      await receiver.close();
    }
  });
});

describe("the SSRF guard", () => {
  it("refuses to save a URL that points at this machine, a private network or a metadata service (422 naming url)", async () => {
    const { token } = await adminToken();
    const { channel } = await createChannel(
      { kind: "slack", name: "public", url: "https://hooks.example.test/services/x", enabled: true },
      await createCaller("admin"),
    );
    for (const url of [
      "http://10.0.0.1/hook",
      "http://169.254.169.254/latest/meta-data/",
      "http://[::1]:8080/",
      "http://192.168.1.20/",
      "http://0.0.0.0:80/",
      "http://api.localhost/x",
      "http://[fd00:ec2::254]/",
    ]) {
      const res = await callRoute(
        createChannelRoute,
        "/api/notifications/channels",
        {},
        { method: "POST", token, body: { kind: "json", name: "internal", url } },
      );
      expect(res.status, url).toBe(422);
      expect(((await res.json()) as { error: { code: string; details: { field: string } } }).error, url).toMatchObject({
        code: "UNPROCESSABLE",
        details: { field: "url" },
      });
    }
    const patched = await callRoute(
      patchChannelRoute,
      `/api/notifications/channels/${channel.id}`,
      { id: channel.id },
      { method: "PATCH", token, body: { url: "http://172.16.0.9/hook" } },
    );
    expect(patched.status).toBe(422);
    expect(((await patched.json()) as { error: { message: string } }).error.message).toBe(
      "url: 172.16.0.9 is a private address; webhooks may not reach this machine, private networks or cloud metadata services",
    );
    expect((await db().notificationChannel.findUniqueOrThrow({ where: { id: channel.id } })).urlHint).toBe("https://hooks.example.test/…es/x");
    expect(await db().notificationChannel.count({ where: { name: "internal" } })).toBe(0);
  });

  it("refuses to connect at delivery time, by the literal address or by what the name resolves to: failed at once, no retry", async () => {
    const receiver = await startReceiver();
    const allowed = process.env.COUNTDOWN_WEBHOOK_ALLOW_HOSTS ?? "";
    try {
      const { admin, token } = await adminToken();
      // Saved while this machine was allowed (as the tests allow it); then the allow-list is emptied.
      const literal = await createChannel({ kind: "json", name: "literal", url: receiver.url("/literal"), enabled: true }, admin);
      const named = await createChannel({ kind: "slack", name: "named", url: receiver.url("/named").replace("127.0.0.1", "localhost"), enabled: true }, admin);
      process.env.COUNTDOWN_WEBHOOK_ALLOW_HOSTS = "";
      reloadConfig();
      for (const { channel } of [literal, named]) {
        expect((await callRoute(testRoute, `/api/notifications/channels/${channel.id}/test`, { id: channel.id }, { method: "POST", token })).status).toBe(202);
      }
      await waitFor("both to fail", async () =>
        (await Promise.all([literal, named].map(async ({ channel }) => (await deliveriesOf(channel.id))[0]?.status))).every((s) => s === "failed"),
      );
      expect((await deliveriesOf(literal.channel.id))[0]).toMatchObject({
        attempts: 1,
        lastStatus: null,
        lastError: "refused to connect: 127.0.0.1 is a loopback address",
      });
      const [byName] = await deliveriesOf(named.channel.id);
      expect(byName).toMatchObject({ attempts: 1, lastStatus: null });
      expect(byName.lastError).toMatch(/^refused to connect to localhost: (127\.0\.0\.1|::1) is a loopback address$/);
      await new Promise((r) => setTimeout(r, 300));
      expect(receiver.received).toHaveLength(0);

      // Allowed again: the same channel is reached.
      process.env.COUNTDOWN_WEBHOOK_ALLOW_HOSTS = allowed;
      reloadConfig();
      await callRoute(testRoute, `/api/notifications/channels/${named.channel.id}/test`, { id: named.channel.id }, { method: "POST", token });
      await waitFor("the allowed post", () => receiver.received.length === 1);
    } finally {
      process.env.COUNTDOWN_WEBHOOK_ALLOW_HOSTS = allowed;
      reloadConfig();
      await receiver.close();
    }
  });
});

describe("the sweep", () => {
  it("runs on its own from the job scheduler a worker sets up, and hands new deliveries to the queue", async () => {
    const receiver = await startReceiver();
    process.env.COUNTDOWN_NOTIFY_SWEEP_MS = "250";
    reloadConfig();
    // A queue of its own for the scheduler, so no other test's worker runs these sweeps.
    const queue = queueBackend().createQueue(`sweep-${uid()}`);
    const sweeper = queueBackend().createWorker(queue.name, processJob);
    try {
      await ensureSchedules(queue);
      await ensureSchedules(queue);
      expect(await queue.getJobSchedulersCount()).toBe(1);
      expect((await queue.getJobScheduler(NOTIFICATION_SWEEP_SCHEDULER))?.every).toBe(250);

      const { admin } = await adminToken();
      const { channel } = await createChannel({ kind: "json", name: "scheduled", url: receiver.url("/scheduled"), enabled: true }, admin);
      const manager = await createCaller("manager");
      const template = await createTemplateFixture();
      await subscribe(channel.id, { templateId: template.id }, ["release.scheduled"]);
      await createRelease(
        {
          templateId: template.id,
          name: `Swept ${uid()}`,
          version: "1",
          type: "regular",
          environment: `env-${uid()}`,
          scheduledAt: new Date("2031-05-05T05:05:00Z"),
        },
        manager,
      );
      await waitFor("the swept delivery", () => receiver.received.length === 1);
      await waitFor("the row to say sent", async () => (await deliveriesOf(channel.id))[0]?.status === "sent");
    } finally {
      await queue.removeJobScheduler(NOTIFICATION_SWEEP_SCHEDULER);
      await sweeper.close();
      await queue.close();
      delete process.env.COUNTDOWN_NOTIFY_SWEEP_MS;
      reloadConfig();
      await receiver.close();
    }
  });
});

describe("subscriptions", () => {
  it("deliver only the event types a channel asked for, of the template or release it asked about", async () => {
    const { admin } = await adminToken();
    const manager = await createCaller("manager");
    const [a, b, c, off] = await Promise.all(
      ["template runs", "one release", "other template", "disabled"].map((name) =>
        createChannel({ kind: "json", name, url: "http://127.0.0.1:9/none", enabled: name !== "disabled" }, admin),
      ),
    );
    const template = await createTemplateFixture();
    const other = await createTemplateFixture();
    await subscribe(a.channel.id, { templateId: template.id }, ["decision.made", "release.scheduled"]);
    await subscribe(c.channel.id, { templateId: other.id }, ["decision.made", "release.scheduled"]);
    await subscribe(off.channel.id, { templateId: template.id }, ["decision.made", "release.scheduled"]);
    const make = () =>
      createRelease(
        {
          templateId: template.id,
          name: `Sub ${uid()}`,
          version: "1.0.0",
          type: "regular",
          environment: `env-${uid()}`,
          scheduledAt: new Date("2031-01-01T00:00:00Z"),
        },
        manager,
      );
    const first = await make();
    const second = await make();
    await subscribe(b.channel.id, { releaseId: second.id }, ["decision.made"]);
    const lead = await approver();
    const { decide } = await import("@/lib/decisions/decide");
    await decide(first.id, { decision: "go" }, lead);
    await decide(second.id, { decision: "no-go", comment: "Not yet" }, lead);

    const summary = async (channelId: string) =>
      (await deliveriesOf(channelId)).map((d) => `${d.eventType} ${d.releaseId === first.id ? "first" : d.releaseId === second.id ? "second" : "?"}`).sort();
    expect(await summary(a.channel.id)).toEqual(["decision.made first", "decision.made second", "release.scheduled first", "release.scheduled second"]);
    expect(await summary(b.channel.id)).toEqual(["decision.made second"]);
    expect(await summary(c.channel.id)).toEqual([]);
    expect(await summary(off.channel.id)).toEqual([]);
    const [noGo] = (await deliveriesOf(b.channel.id)).map((d) => d.data as Record<string, unknown>);
    expect(noGo).toMatchObject({ decision: "no-go", comment: "Not yet", event: "decision.no_go" });
  });
});

describe("reminders", () => {
  it("fire at their offset from the current T-0, once per T-0, never for a cancelled release, with the placeholders filled", async () => {
    const { admin, token } = await adminToken();
    const manager = await createCaller("manager");
    const { channel } = await createChannel({ kind: "slack", name: "reminders", url: "http://127.0.0.1:9/none", enabled: true }, admin);
    const template = await createTemplateFixture();
    const saved = await callRoute(
      putRemindersRoute,
      `/api/templates/${template.id}/reminders`,
      { id: template.id },
      {
        method: "PUT",
        token,
        body: {
          version: 1,
          reminders: [
            { offsetMinutes: -60, message: "{{release.name}} {{release.version}} in an hour ({{t0}}) {{nope}}" },
            { offsetMinutes: 0, message: "Now: {{ release.name }}" },
          ],
        },
      },
    );
    expect(saved.status).toBe(200);
    await subscribe(channel.id, { templateId: template.id }, ["reminder"]);
    const t0 = new Date("2032-06-01T12:00:00Z");
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const release = await createRelease(
      { templateId: template.id, name: `Train ${uid()}`, version: "7.1", type: "regular", environment: `env-${uid()}`, scheduledAt: t0 },
      manager,
    );
    const cancelled = await createRelease(
      { templateId: template.id, name: `Off ${uid()}`, version: "7.2", type: "regular", environment: `env-${uid()}`, scheduledAt: t0 },
      manager,
    );
    const managerToken = await createApiToken(manager.id, "t");
    expect(
      (await callRoute(cancelReleaseRoute, `/api/releases/${cancelled.id}/cancel`, { id: cancelled.id }, { method: "POST", token: managerToken })).status,
    ).toBe(200);
    const fired = async () =>
      (await deliveriesOf(channel.id)).map(
        (d) => `${d.releaseId === release.id ? "release" : "cancelled"} ${(d.data as { offsetMinutes: number }).offsetMinutes}`,
      );

    await fireDueReminders(at(-61));
    expect(await fired()).toEqual([]);
    await fireDueReminders(at(-59));
    expect(await fired()).toEqual(["release -60"]);
    expect((await deliveriesOf(channel.id))[0].data).toMatchObject({ text: `${release.name} 7.1 in an hour (2032-06-01 12:00 UTC) {{nope}}` });
    await fireDueReminders(at(-30));
    await fireDueReminders(at(-59));
    expect(await fired()).toEqual(["release -60"]);

    // T-0 moves a day later (through the API, as a manager does): the T-0 reminder is not due at the old time any
    // more, and the T-1h one, which already fired, fires again an hour before the new T-0.
    const moved = await callRoute(
      rescheduleRoute,
      `/api/releases/${release.id}`,
      { id: release.id },
      { method: "PATCH", token: managerToken, body: { scheduledAt: at(24 * 60).toISOString(), revision: 1 } },
    );
    expect(moved.status).toBe(200);
    await fireDueReminders(at(1));
    expect(await fired()).toEqual(["release -60"]);
    await fireDueReminders(at(24 * 60 - 59));
    await fireDueReminders(at(24 * 60 - 58));
    expect(await fired()).toEqual(["release -60", "release -60"]);
    expect((await deliveriesOf(channel.id))[1].data).toMatchObject({ text: `${release.name} 7.1 in an hour (2032-06-02 12:00 UTC) {{nope}}` });
    await fireDueReminders(at(24 * 60 + 1));
    expect(await fired()).toEqual(["release -60", "release -60", "release 0"]);
    expect((await deliveriesOf(channel.id))[2].data).toMatchObject({ text: `Now: ${release.name}` });
    // Far too late (the workers were down for hours): skipped rather than sent late.
    const late = await createRelease(
      { templateId: template.id, name: `Late ${uid()}`, version: "1", type: "regular", environment: `env-${uid()}`, scheduledAt: at(-600) },
      manager,
    );
    await fireDueReminders(at(0));
    expect((await deliveriesOf(channel.id)).filter((d) => d.releaseId === late.id)).toEqual([]);
    expect(await db().releaseReminder.count({ where: { releaseId: cancelled.id } })).toBe(0);
  });
});

describe("who may manage notifications", () => {
  it("admins only; bad input is a 400 naming the field; unknown ids are 404", async () => {
    const { admin, token } = await adminToken();
    const { channel } = await createChannel({ kind: "json", name: "x", url: "https://example.test/hook", enabled: true }, admin);
    const template = await createTemplateFixture();
    for (const role of ["manager", "approver", "viewer"] as const) {
      const caller = await createCaller(role);
      const t = await createApiToken(caller.id, "t");
      const answers = await Promise.all([
        callRoute(listChannelsRoute, "/api/notifications/channels", {}, { token: t }),
        callRoute(
          createChannelRoute,
          "/api/notifications/channels",
          {},
          { method: "POST", token: t, body: { kind: "slack", name: "n", url: "https://example.test/x" } },
        ),
        callRoute(patchChannelRoute, `/api/notifications/channels/${channel.id}`, { id: channel.id }, { method: "PATCH", token: t, body: { enabled: false } }),
        callRoute(deleteChannelRoute, `/api/notifications/channels/${channel.id}`, { id: channel.id }, { method: "DELETE", token: t }),
        callRoute(testRoute, `/api/notifications/channels/${channel.id}/test`, { id: channel.id }, { method: "POST", token: t }),
        callRoute(deliveriesRoute, `/api/notifications/channels/${channel.id}/deliveries`, { id: channel.id }, { token: t }),
        callRoute(listSubscriptionsRoute, "/api/notifications/subscriptions", {}, { token: t }),
        callRoute(
          createSubscriptionRoute,
          "/api/notifications/subscriptions",
          {},
          { method: "POST", token: t, body: { channelId: channel.id, templateId: template.id, eventTypes: ["run.failed"] } },
        ),
      ]);
      expect(
        answers.map((r) => r.status),
        role,
      ).toEqual(Array(8).fill(403));
    }
    expect((await callRoute(listChannelsRoute, "/api/notifications/channels", {})).status).toBe(401);
    expect(await db().notificationChannel.findUniqueOrThrow({ where: { id: channel.id } })).toMatchObject({ enabled: true });
    expect(await db().notificationSubscription.count({ where: { channelId: channel.id } })).toBe(0);

    const bad = async (handler: unknown, path: string, params: Record<string, string>, method: string, body: unknown) => {
      const res = await callRoute(handler, path, params, { method, token, body });
      return {
        status: res.status,
        fields: ((await res.json()) as { error: { details?: { issues: { path: string }[] } } }).error.details?.issues.map((i) => i.path),
      };
    };
    expect(await bad(createChannelRoute, "/api/notifications/channels", {}, "POST", { kind: "email", name: "n", url: "https://x.test/" })).toEqual({
      status: 400,
      fields: ["kind"],
    });
    expect(await bad(createChannelRoute, "/api/notifications/channels", {}, "POST", { kind: "slack", name: "n", url: "ftp://x.test/" })).toEqual({
      status: 400,
      fields: ["url"],
    });
    expect(
      await bad(createChannelRoute, "/api/notifications/channels", {}, "POST", { kind: "slack", name: "n", url: "https://x.test/", secret: "mine" }),
    ).toEqual({ status: 400, fields: [""] });
    expect(await bad(patchChannelRoute, `/api/notifications/channels/${channel.id}`, { id: channel.id }, "PATCH", {})).toEqual({
      status: 400,
      fields: ["name"],
    });
    expect(
      await bad(createSubscriptionRoute, "/api/notifications/subscriptions", {}, "POST", {
        channelId: channel.id,
        templateId: template.id,
        eventTypes: ["run.exploded"],
      }),
    ).toEqual({ status: 400, fields: ["eventTypes.0"] });
    expect(await bad(createSubscriptionRoute, "/api/notifications/subscriptions", {}, "POST", { channelId: channel.id, eventTypes: ["run.failed"] })).toEqual({
      status: 400,
      fields: ["templateId"],
    });
    expect(
      await bad(putRemindersRoute, `/api/templates/${template.id}/reminders`, { id: template.id }, "PUT", {
        version: 1,
        reminders: [
          { offsetMinutes: 0, message: "a" },
          { offsetMinutes: 0, message: "b" },
        ],
      }),
    ).toEqual({ status: 400, fields: ["reminders.1.offsetMinutes"] });
    const unknownTemplate = await callRoute(
      createSubscriptionRoute,
      "/api/notifications/subscriptions",
      {},
      { method: "POST", token, body: { channelId: channel.id, templateId: crypto.randomUUID(), eventTypes: ["run.failed"] } },
    );
    expect(unknownTemplate.status).toBe(422);
    const missing = crypto.randomUUID();
    expect(
      (await callRoute(patchChannelRoute, `/api/notifications/channels/${missing}`, { id: missing }, { method: "PATCH", token, body: { enabled: false } }))
        .status,
    ).toBe(404);
    expect((await callRoute(testRoute, `/api/notifications/channels/${missing}/test`, { id: missing }, { method: "POST", token })).status).toBe(404);
    expect((await callRoute(deleteChannelRoute, `/api/notifications/channels/${channel.id}`, { id: channel.id }, { method: "DELETE", token })).status).toBe(
      200,
    );
  });
});
