import { describe, expect, it } from "vitest";
import { stakeholderChart } from "@/lib/timeline/stakeholder-chart";

describe("a watch chart for stakeholders", () => {
  it("keeps the threshold and the samples' numbers, and nothing of the source, headers or error texts", () => {
    const config = {
      source: { type: "prometheus", url: "http://prom.internal:9090", query: "secret_metric", headers: { authorization: "Bearer x" } },
      healthy: { op: "<", value: 1 },
      unit: "%",
    };
    const result = {
      samples: [
        { n: 1, at: "2030-01-01T00:00:00.000Z", value: 0.2, healthy: true, limit: 0.5 },
        { n: 2, at: "2030-01-01T00:00:10.000Z", value: null, healthy: true, error: "connect ECONNREFUSED prom.internal:9090" },
      ],
      breachedAt: 2,
    };
    const chart = stakeholderChart(config, result);
    expect(chart).toEqual({
      healthy: { op: "<", value: 1 },
      unit: "%",
      samples: [
        { n: 1, at: "2030-01-01T00:00:00.000Z", value: 0.2, healthy: true, limit: 0.5 },
        { n: 2, at: "2030-01-01T00:00:10.000Z", value: null, healthy: true },
      ],
    });
    expect(JSON.stringify(chart)).not.toMatch(/prom\.internal|secret_metric|Bearer/);
  });

  it("is null for a config without a threshold, and empty before the first sample", () => {
    expect(stakeholderChart({}, null)).toBeNull();
    expect(stakeholderChart({ healthy: { op: ">", value: 99 } }, null)).toEqual({ healthy: { op: ">", value: 99 }, unit: "", samples: [] });
  });
});
