import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { notificationTypeOf } from "@/lib/notifications/event-types";
import { formatT0, renderMessage } from "@/lib/notifications/render-message";
import { DEFAULT_REMINDERS, describeOffset, dueReminders, REMINDER_GRACE_MS, reminderPlan } from "@/lib/notifications/reminder-plan";
import { signBody, signatureHeaders } from "@/lib/notifications/signature";
import { slackEscape, slackPayload, summarise, type Notification } from "@/lib/notifications/webhook-payload";

const release = { name: "Checkout", version: "2.4.0", environment: "prod", type: "regular", scheduledAt: new Date("2030-01-15T10:00:00Z") };

describe("notificationTypeOf", () => {
  it.each([
    [{ type: "release.created" }, "release.scheduled"],
    [{ type: "decision.go" }, "decision.made"],
    [{ type: "decision.no_go" }, "decision.made"],
    [{ type: "run.started" }, "run.started"],
    [{ type: "run.succeeded" }, "run.succeeded"],
    [{ type: "run.failed" }, "run.failed"],
    [{ type: "run.requested", payload: { kind: "rollback" } }, "rollback.started"],
    [{ type: "run.requested", payload: { kind: "deploy" } }, null],
    [{ type: "release.status", payload: { status: "released" } }, "release.completed"],
    [{ type: "release.status", payload: { status: "rolled_back" } }, "release.completed"],
    [{ type: "release.status", payload: { status: "ready" } }, "release.ready"],
    [{ type: "release.status", payload: { status: "scheduled" } }, null],
    [{ type: "release.status", payload: { status: "cancelled" } }, "release.cancelled"],
    [{ type: "release.rescheduled" }, "release.rescheduled"],
    [{ type: "release.status", payload: { status: "verifying" } }, null],
    [{ type: "item.checked" }, null],
    [{ type: "decision.withdrawn" }, null],
  ])("%j -> %s", (event, expected) => {
    expect(notificationTypeOf(event)).toBe(expected);
  });
});

describe("renderMessage", () => {
  it("fills known placeholders, tolerates spaces, leaves unknown ones as written", () => {
    expect(renderMessage("{{release.name}} {{ release.version }} to {{release.environment}} at {{t0}}; {{release.secret}} {{constructor}}", release)).toBe(
      "Checkout 2.4.0 to prod at 2030-01-15 10:00 UTC; {{release.secret}} {{constructor}}",
    );
  });
  it("does not re-expand placeholders that come from a value", () => {
    expect(renderMessage("{{release.name}}", { ...release, name: "{{release.version}}" })).toBe("{{release.version}}");
  });
  it("formats T-0 in UTC", () => {
    expect(formatT0(new Date("2030-06-01T23:59:30+02:00"))).toBe("2030-06-01 21:59 UTC");
  });
});

describe("reminder plan", () => {
  const t0 = release.scheduledAt;
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  it("defaults to T-24h, T-0 and T+2h until a template saves its own (an empty plan is a plan)", () => {
    expect(reminderPlan(null).map((r) => r.offsetMinutes)).toEqual([-1440, 0, 120]);
    expect(reminderPlan([])).toEqual([]);
  });
  it("is due from its time until the grace period ends", () => {
    const due = (now: Date) => dueReminders(t0, DEFAULT_REMINDERS, now).map((r) => r.offsetMinutes);
    expect(due(at(-1441))).toEqual([]);
    expect(due(at(-1440))).toEqual([-1440]);
    expect(due(at(0))).toEqual([0]);
    expect(due(new Date(at(0).getTime() + REMINDER_GRACE_MS))).toEqual([0]);
    expect(due(new Date(at(0).getTime() + REMINDER_GRACE_MS + 1))).toEqual([]);
    expect(due(at(121))).toEqual([120]);
  });
  it("describes offsets", () => {
    expect([-1440, -60, 0, 120, -90, 2880].map(describeOffset)).toEqual(["T-1d", "T-1h", "T-0", "T+2h", "T-90m", "T+2d"]);
  });
});

describe("webhook payloads", () => {
  const n = (type: string, data: Record<string, unknown> = {}): Notification => ({
    id: "d1",
    type,
    occurredAt: "2030-01-15T09:00:00.000Z",
    release: {
      id: "r1",
      name: "Checkout",
      version: "2.4.0",
      type: "regular",
      environment: "prod",
      status: "deploying",
      scheduledAt: "2030-01-15T10:00:00.000Z",
    },
    data,
  });
  it("say what happened in words", () => {
    expect(summarise(n("release.scheduled"))).toBe("Checkout 2.4.0 is scheduled for 2030-01-15 10:00 UTC on prod.");
    expect(summarise(n("run.failed", { procedure: "Deploy", reason: "exit 1" }))).toBe("Checkout 2.4.0: Deploy failed (exit 1).");
    expect(summarise(n("rollback.started", { procedure: "Rollback", automatic: true }))).toBe("Checkout 2.4.0: rollback Rollback started automatically.");
    expect(summarise(n("release.completed", { status: "rolled_back" }))).toBe("Checkout 2.4.0 is rolled back.");
    expect(summarise(n("release.completed", { status: "released", chainHead: "ab12" }))).toBe("Checkout 2.4.0 is released. Audit chain head: ab12");
    expect(summarise(n("reminder", { text: "T-0 now" }))).toBe("T-0 now");
    expect(summarise(n("release.ready"))).toBe("Checkout 2.4.0 is ready to deploy.");
    expect(summarise(n("release.rescheduled", { scheduledAt: "2030-01-16T08:00:00.000Z", previous: "2030-01-15T10:00:00.000Z" }))).toBe(
      "Checkout 2.4.0: T-0 moved to 2030-01-16 08:00 UTC (was 2030-01-15 10:00 UTC).",
    );
    expect(summarise(n("release.cancelled", { reason: "merged into 2.5" }))).toBe("Checkout 2.4.0 is cancelled: merged into 2.5.");
    expect(summarise(n("release.cancelled"))).toBe("Checkout 2.4.0 is cancelled.");
  });
  it("escape Slack's control characters and add a context line", () => {
    expect(slackEscape("<@here> & co")).toBe("&lt;@here&gt; &amp; co");
    const body = slackPayload(n("decision.made", { decision: "no-go", actor: "Ana <lead>", comment: "wait" }));
    expect(body.text).toBe("Checkout 2.4.0: no-go by Ana &lt;lead&gt;: wait");
    expect(body.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: body.text } },
      { type: "context", elements: [{ type: "mrkdwn", text: "*prod* · T-0 2030-01-15 10:00 UTC · status deploying" }] },
    ]);
  });
});

describe("signatures", () => {
  it("are HMAC-SHA256 over timestamp.body, as docs/notifications.md tells receivers", () => {
    const body = '{"id":"d1"}';
    const expected = crypto.createHmac("sha256", "s3cret").update(`1700000000.${body}`).digest("hex");
    expect(signBody("s3cret", body, 1_700_000_000)).toBe(`sha256=${expected}`);
    expect(signatureHeaders("s3cret", body, new Date(1_700_000_000_999))).toEqual({
      "X-Countdown-Signature": `sha256=${expected}`,
      "X-Countdown-Timestamp": "1700000000",
    });
    expect(signBody("s3cret", body + " ", 1_700_000_000)).not.toBe(`sha256=${expected}`);
  });

  it("carry one signature per secret after a rotation, the new secret's first", () => {
    const body = '{"id":"d2"}';
    const sig = (secret: string) => crypto.createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(signatureHeaders(["new", "old"], body, new Date(1_700_000_000_000))).toEqual({
      "X-Countdown-Signature": `sha256=${sig("new")},sha256=${sig("old")}`,
      "X-Countdown-Timestamp": "1700000000",
    });
    expect(signatureHeaders(["only"], body, new Date(1_700_000_000_000))["X-Countdown-Signature"]).toBe(`sha256=${sig("only")}`);
  });
});
