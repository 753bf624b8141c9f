// What a channel can subscribe to, and which release events mean what. The release's history (Event rows)
// is the one source: a notification type is a reading of an event, never a second record of it.
export const NOTIFICATION_EVENT_TYPES = [
  "release.scheduled",
  "release.rescheduled",
  "release.ready",
  "decision.made",
  "decision.stale",
  "run.started",
  "run.succeeded",
  "run.failed",
  "rollback.started",
  "release.completed",
  "release.cancelled",
  "reminder",
] as const;

export type NotificationEventType = (typeof NOTIFICATION_EVENT_TYPES)[number];

type EventLike = { type: string; payload?: unknown };

const payloadField = (event: EventLike, field: string): unknown => (event.payload as Record<string, unknown> | undefined)?.[field];

/**
 * The notification type an appended event stands for, or null when channels are not told about it.
 * A rollback is announced when it is requested (its kind is only on that event); a release is completed
 * when it reaches released or rolled back.
 */
export function notificationTypeOf(event: EventLike): NotificationEventType | null {
  switch (event.type) {
    case "release.created":
      return "release.scheduled";
    case "release.rescheduled":
      return "release.rescheduled";
    case "decision.go":
    case "decision.no_go":
      return "decision.made";
    // The release's plan was edited after gos were given: the approvers are asked to look again.
    case "decision.stale":
      return "decision.stale";
    case "run.started":
      return "run.started";
    case "run.succeeded":
      return "run.succeeded";
    case "run.failed":
      return "run.failed";
    case "run.requested":
      return payloadField(event, "kind") === "rollback" ? "rollback.started" : null;
    case "release.status": {
      const status = payloadField(event, "status");
      if (status === "ready") return "release.ready";
      if (status === "cancelled") return "release.cancelled";
      return status === "released" || status === "rolled_back" ? "release.completed" : null;
    }
    default:
      return null;
  }
}

/** Event types (as stored) that can map to a notification; appendEvent skips the lookup for every other one. */
export const NOTIFYING_EVENT_TYPES: ReadonlySet<string> = new Set([
  "release.created",
  "release.rescheduled",
  "decision.go",
  "decision.no_go",
  "decision.stale",
  "run.started",
  "run.succeeded",
  "run.failed",
  "run.requested",
  "release.status",
]);
