import { describe, expect, it } from "vitest";
import { parseTimePhrase, resolveOffset } from "@/lib/runbook/time-phrase";

const offset = (heading: string) => parseTimePhrase(heading)?.minutes ?? null;

describe("parseTimePhrase", () => {
  it.each([
    ["Pre-Launch Checklist (T-5 Days)", -7200],
    ["Pre-Deployment (T-1 Hour)", -60],
    ["Deployment (T-0)", 0],
    ["Post-Deployment (T+30 Minutes)", 30],
    ["Post-Launch Monitoring (T+24 Hours)", 1440],
    ["Post-Launch (T+7 Days)", 10080],
    ["Database Migration (T-1 Day)", -1440],
    ["1 Week Before Release", -10080],
    ["3 Days Before Release", -4320],
    ["Release Day", 0],
    ["Launch day checklist", 0],
    ["~ 2 weeks before", -20160],
    ["Two hours after launch", 120],
    ["The day before launch", -1440],
    ["Smoke Tests (T-0, 2 Hours Before Launch)", -120],
    ["During Launch (T-0 to T+2 Hours)", 0],
    ["Smoke Testing (T+15 minutes)", 15],
    ["Final checks T-24h", -1440],
    ["T minus 3 days", -4320],
    ["T-2", -2880],
    ["D-3 prep", -4320],
    ["D-Day", 0],
    ["Launch + 2 hours", 120],
    ["Day 1-2: Database Setup", 0],
    ["Day 3-4: Cache & Queue Setup", 2880],
    ["Day 5: Storage & Monitoring", 5760],
    ["Day 0", 0],
    ["Week 1: Intensive Monitoring", 0],
    ["Week 2-4: Stabilization", 10080],
    ["Phase 3: Full Rollout (Week 3)", 20160],
    ["Month 2: Optimization", 43200],
  ])("%j -> %d minutes", (heading, minutes) => {
    expect(offset(heading)).toBe(minutes);
  });

  it.each([
    ["en dash", "Prep (T\u20135 Days)", -7200],
    ["em dash", "Prep (T\u20141 Hour)", -60],
    ["minus sign", "Prep (T\u22121 Hour)", -60],
    ["upper case", "PREP (T-1 HOUR)", -60],
    ["no spaces", "prep t+30m", 30],
  ])("tolerates %s", (_name, heading, minutes) => {
    expect(offset(heading)).toBe(minutes);
  });

  it.each([
    "Overview",
    "Rollback Procedures",
    "Quick Rollback (< 5 minutes)",
    "Level 3: Database Rollback (30 minutes)",
    "Phase 1: Infrastructure Setup",
    "4.2 Load Testing",
    "Daily (Automated)",
    "Weekly",
    "Set up alerts",
    "PERT-5 estimate",
    "",
  ])("%j names no time", (heading) => {
    expect(parseTimePhrase(heading)).toBeNull();
  });
});

describe("resolveOffset", () => {
  const chain = (...headings: string[]) => resolveOffset(headings.map(parseTimePhrase));

  it("inherits the nearest ancestor's offset", () => {
    expect(chain("Pre-Launch Checklist (T-5 Days)", "Code Readiness")).toBe(-7200);
  });

  it("prefers the heading's own phrase", () => {
    expect(chain("Deployment Process (Launch Day)", "Post-Deployment (T+30 Minutes)")).toBe(30);
  });

  it("counts a day inside its week", () => {
    expect(chain("Phase 2: Canary Deployment (Week 2)", "Day 1: Deploy Canary (5% traffic)")).toBe(10080);
    expect(chain("Phase 3: Full Rollout (Week 3)", "Day 3-5: Frontend Migration")).toBe(20160 + 2880);
    expect(chain("Month 2", "Week 2")).toBe(43200 + 10080);
  });

  it("does not nest a day inside a relative phrase", () => {
    expect(chain("Launch (T-1 Day)", "Day 2")).toBe(1440);
  });

  it("is null without any phrase", () => {
    expect(chain("Overview", "Details")).toBeNull();
    expect(resolveOffset([])).toBeNull();
  });
});
