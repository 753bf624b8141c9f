import { describe, expect, it } from "vitest";
import { tableThresholds, thresholdColumns } from "@/lib/runbook/thresholds";

describe("thresholds", () => {
  it("finds metric, warning, critical and action columns", () => {
    expect(thresholdColumns(["Metric", "Warning Threshold", "Critical Threshold", "Action"])).toEqual({
      metric: 0,
      warning: 1,
      critical: 2,
      action: 3,
    });
  });

  it("reads a single threshold column as critical", () => {
    expect(thresholdColumns(["Metric", "Threshold", "Response"])).toEqual({ metric: 0, warning: -1, critical: 1, action: 2 });
  });

  it.each([[["Time", "Event", "Owner", "Status"]], [["Metric", "Owner"]], [["Severity", "Response time"]], [[]]])("ignores %j", (header) => {
    expect(thresholdColumns(header)).toBeNull();
  });

  it("turns rows into thresholds, skipping rows without a metric", () => {
    const columns = thresholdColumns(["Metric", "Warning", "Critical", "Action"])!;
    expect(
      tableThresholds(
        columns,
        [
          ["Error rate", "> 1%", "> 5%", "Roll back"],
          ["", "x", "y", "z"],
          ["P95", "", "> 2s"],
        ],
        7,
      ),
    ).toEqual([
      {
        metric: "Error rate",
        warning: "> 1%",
        critical: "> 5%",
        action: "Roll back",
        line: 7,
        source: "table",
        rule: { op: ">", value: 5, unit: "%", breach: true, forSec: null },
      },
      {
        metric: "P95",
        warning: null,
        critical: "> 2s",
        action: null,
        line: 7,
        source: "table",
        rule: { op: ">", value: 2, unit: "s", breach: true, forSec: null },
      },
    ]);
  });
});
