import { describe, expect, it } from "vitest";
import { procedureKindOf } from "@/lib/runbook/procedure-kind";

describe("procedureKindOf", () => {
  it.each([
    ["Rollback Procedures", "rollback"],
    ["Level 2: Deployment Rollback (5 minutes)", "rollback"],
    ["Roll back the release", "rollback"],
    ["Smoke Tests (T-0, 2 Hours Before Launch)", "smoke"],
    ["4.1 Smoke Tests", "smoke"],
    ["Frontend Smoke Tests", "smoke"],
    ["API Endpoint Verification", "verify"],
    ["Post-Migration Validation", "verify"],
    ["System Health Checks", "verify"],
    ["Post-Deployment (T+30 Minutes)", "verify"],
    ["Post-Launch Monitoring (T+24 Hours)", "verify"],
    ["Deployment Process (Launch Day)", "deploy"],
    ["Staging Deployment", "deploy"],
    ["Go-Live Checklist", "deploy"],
    ["Production Rollout Strategy", "deploy"],
    ["Launch Procedures", "deploy"],
    ["Pre-Deployment (T-1 Hour)", "deploy"],
    ["Option 2: Canary Deployment", "deploy"],
  ])("%j is %s", (heading, kind) => {
    expect(procedureKindOf(heading)).toBe(kind);
  });

  it.each(["Pre-Launch Checklist", "Database Migration (T-1 Day)", "Code Readiness", "Metric Collection", "Pre-Release notes", ""])(
    "%j names no kind",
    (heading) => {
      expect(procedureKindOf(heading)).toBeNull();
    },
  );
});
