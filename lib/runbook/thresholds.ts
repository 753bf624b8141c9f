import type { TParsedThreshold } from "@/lib/schemas/runbook";
import { tableRule } from "@/lib/runbook/threshold-rules";

// A table whose header names a metric and thresholds ("Metric | Warning Threshold | Critical
// Threshold | Action") becomes structured thresholds. With a single threshold column, that column is
// read as the critical one.

const METRIC = /metric|indicator|kpi|\bsli\b|signal|measure/i;
const WARNING = /warn/i;
const CRITICAL = /crit|page|sever|alert|error/i;
const THRESHOLD = /threshold|limit|trigger|\bsl[oa]\b|target/i;
const ACTION = /action|response|remediation|what to do|playbook|runbook|escalat/i;

export type ThresholdColumns = { metric: number; warning: number; critical: number; action: number };

export function thresholdColumns(header: string[]): ThresholdColumns | null {
  const find = (re: RegExp, exclude: number[] = []) => header.findIndex((h, i) => re.test(h) && !exclude.includes(i));
  const metric = find(METRIC);
  if (metric < 0) return null;
  const warning = find(WARNING, [metric]);
  let critical = find(CRITICAL, [metric, warning]);
  if (warning < 0 && critical < 0) critical = find(THRESHOLD, [metric]);
  if (warning < 0 && critical < 0) return null;
  return { metric, warning, critical, action: find(ACTION, [metric, warning, critical]) };
}

export function tableThresholds(columns: ThresholdColumns, rows: string[][], line: number): TParsedThreshold[] {
  const cell = (row: string[], index: number) => {
    const value = index >= 0 ? (row[index] ?? "").trim() : "";
    return value === "" ? null : value;
  };
  return rows
    .filter((row) => cell(row, columns.metric) !== null)
    .map((row) => ({
      metric: cell(row, columns.metric) ?? "",
      warning: cell(row, columns.warning),
      critical: cell(row, columns.critical),
      action: cell(row, columns.action),
      line,
      source: "table" as const,
      rule: tableRule(cell(row, columns.critical), cell(row, columns.warning)),
    }));
}
