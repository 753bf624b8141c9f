import { describe, expect, it } from "vitest";
import { deliveryLogInterval } from "@/lib/client/use-notifications";

describe("the delivery log's polling", () => {
  it("is brisk while a row is on its way, slower while one waits for a retry, slow otherwise", () => {
    expect(deliveryLogInterval(undefined)).toBe(30_000);
    expect(
      deliveryLogInterval([
        { status: "sent", attempts: 1 },
        { status: "failed", attempts: 5 },
      ]),
    ).toBe(30_000);
    expect(
      deliveryLogInterval([
        { status: "sent", attempts: 1 },
        { status: "pending", attempts: 2 },
      ]),
    ).toBe(5_000);
    expect(
      deliveryLogInterval([
        { status: "pending", attempts: 2 },
        { status: "pending", attempts: 0 },
      ]),
    ).toBe(1_500);
  });
});
