// The bodies a channel receives: Slack's incoming-webhook shape ({ text, blocks }) or Countdown's own JSON
// envelope. Pure, so the wording and the shapes are unit-tested without a receiver.
import { formatT0 } from "@/lib/notifications/render-message";

export type PayloadRelease = {
  id: string;
  name: string;
  version: string;
  type: string;
  environment: string;
  status: string;
  scheduledAt: string;
  url?: string;
};

export type Notification = {
  /** The delivery's id: the same on every retry, so a receiver can drop duplicates. */
  id: string;
  type: string;
  occurredAt: string;
  release: PayloadRelease | null;
  data: Record<string, unknown>;
};

export type JsonEnvelope = Notification;

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** One line saying what happened, in plain words (no markup). */
export function summarise(n: Notification): string {
  const r = n.release;
  const what = r ? `${r.name} ${r.version}` : "Countdown";
  const procedure = str(n.data.procedure) ?? "run";
  switch (n.type) {
    case "release.scheduled":
      return `${what} is scheduled for ${r ? formatT0(new Date(r.scheduledAt)) : "?"} on ${r?.environment ?? "?"}.`;
    case "release.rescheduled": {
      // The event's own times: a message sent late still says what this move was.
      const to = str(n.data.scheduledAt) ?? r?.scheduledAt;
      const previous = str(n.data.previous);
      return `${what}: T-0 moved to ${to ? formatT0(new Date(to)) : "?"}${previous ? ` (was ${formatT0(new Date(previous))})` : ""}.`;
    }
    case "release.cancelled":
      return `${what} is cancelled${str(n.data.reason) ? `: ${str(n.data.reason)}` : ""}.`;
    case "release.ready":
      return `${what} is ready to deploy.`;
    case "decision.made": {
      const vote = str(n.data.decision) ?? "a decision";
      const by = str(n.data.actor) ? ` by ${str(n.data.actor)}` : "";
      const comment = str(n.data.comment) ? `: ${str(n.data.comment)}` : "";
      return `${what}: ${vote}${by}${comment}`;
    }
    case "decision.stale": {
      const names = Array.isArray(n.data.approvers) ? (n.data.approvers as { name?: unknown }[]).map((a) => str(a.name)).filter(Boolean) : [];
      const who = names.length ? names.join(", ") : "approvers";
      return `${what}: the plan was edited after ${who} said go; ${names.length === 1 ? "that go is" : "those gos are"} for an earlier plan: please look again.`;
    }
    case "run.started":
      return `${what}: ${procedure} started.`;
    case "run.succeeded":
      return `${what}: ${procedure} succeeded.`;
    case "run.failed":
      return `${what}: ${procedure} failed${str(n.data.reason) ? ` (${str(n.data.reason)})` : ""}.`;
    case "rollback.started":
      return `${what}: rollback ${procedure} started${n.data.automatic ? " automatically" : ""}.`;
    case "release.completed": {
      // The chain head is the receiver's witness of the history as it stood (npm run audit:verify -- --head).
      const head = str(n.data.chainHead) ? ` Audit chain head: ${str(n.data.chainHead)}` : "";
      return `${what} is ${str(n.data.status) === "rolled_back" ? "rolled back" : "released"}.${head}`;
    }
    case "reminder":
      return str(n.data.text) ?? `${what}: reminder.`;
    case "test":
      return `Test message from Countdown: the channel "${str(n.data.channel) ?? ""}" works.`;
    default:
      return `${what}: ${n.type}`;
  }
}

/** Slack's mrkdwn treats &, < and > as control characters. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function slackPayload(n: Notification): { text: string; blocks: unknown[] } {
  const text = slackEscape(summarise(n));
  const r = n.release;
  const context = r ? [`*${slackEscape(r.environment)}*`, `T-0 ${formatT0(new Date(r.scheduledAt))}`, `status ${r.status.replace("_", " ")}`] : [];
  const blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text: r?.url ? `${text}\n<${r.url}|Open in Countdown>` : text } }];
  if (context.length) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: context.join(" · ") }] });
  return { text, blocks };
}

export function jsonEnvelope(n: Notification): JsonEnvelope {
  return { id: n.id, type: n.type, occurredAt: n.occurredAt, release: n.release, data: n.data };
}
