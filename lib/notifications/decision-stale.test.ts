import { describe, expect, it } from "vitest";
import { notificationTypeOf } from "@/lib/notifications/event-types";
import { summarise } from "@/lib/notifications/webhook-payload";

describe("a stale go notification", () => {
  it("comes from the decision.stale event and asks the approvers by name to look again", () => {
    const payload = {
      approvers: [
        { id: "1", name: "Ari" },
        { id: "2", name: "Bo" },
      ],
      approvedDigest: "a",
      planDigest: "b",
    };
    expect(notificationTypeOf({ type: "decision.stale", payload })).toBe("decision.stale");
    const release = {
      id: "r",
      name: "Checkout",
      version: "2.4.0",
      type: "regular",
      environment: "prod",
      status: "scheduled",
      scheduledAt: "2030-01-01T10:00:00Z",
    };
    expect(summarise({ id: "d", type: "decision.stale", occurredAt: "2030-01-01T09:00:00Z", release, data: payload })).toBe(
      "Checkout 2.4.0: the plan was edited after Ari, Bo said go; those gos are for an earlier plan: please look again.",
    );
  });
});
