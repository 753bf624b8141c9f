import { describe, expect, it } from "vitest";
import { parseRunbook } from "@/lib/runbook/parse-runbook";
import { environmentOfHeadings, isNumberedHeading } from "@/lib/runbook/pipelines";

const sh = (cmd: string) => "```bash\n" + cmd + "\n```\n";
const pipelines = (markdown: string) => parseRunbook(markdown).procedures.map((p) => [p.name, p.kind, p.environment ?? null]);

describe("pipelines proposed by the import", () => {
  it("numbered sections of a staging and a production section become those environments' pipelines, in order", () => {
    const doc = [
      "# Shop rollout",
      "## Staging Deployment",
      "### 1.1 Database Setup",
      sh("createdb shop"),
      "### 1.2 Backend",
      sh("kubectl apply -f backend.yaml"),
      "### 2.1 Smoke Tests",
      sh("curl -f https://staging.example.com/health"),
      "## Production Rollout",
      "### Day 1: Deploy Canary",
      sh("kubectl apply -f canary.yaml"),
      "### Day 2: Promote",
      sh("kubectl apply -f stable.yaml"),
      "## Rollback Procedures",
      "### Level 1: Traffic Rollback",
      sh("kubectl rollout undo deploy/shop"),
    ].join("\n");
    expect(pipelines(doc)).toEqual([
      ["1.1 Database Setup", "deploy", "staging"],
      ["1.2 Backend", "deploy", "staging"],
      ["2.1 Smoke Tests", "smoke", "staging"],
      ["Day 1: Deploy Canary", "deploy", "production"],
      ["Day 2: Promote", "deploy", "production"],
      ["Level 1: Traffic Rollback", "rollback", null],
    ]);
  });

  it("'Step 1: ...' headings under no environment make the default pipeline ('*'); unnumbered sections stay unbound", () => {
    const doc = [
      "# Release runbook",
      "## Step 1: Prepare Release",
      sh("git tag v1.2.0"),
      "## Step 2: Deploy",
      sh("./deploy.sh"),
      "## Step 3: Verify",
      sh("./verify.sh"),
      "## Useful commands",
      sh("kubectl get pods"),
    ].join("\n");
    expect(pipelines(doc)).toEqual([
      ["Step 1: Prepare Release", "deploy", "*"],
      ["Step 2: Deploy", "deploy", "*"],
      ["Step 3: Verify", "verify", "*"],
      ["Useful commands", "custom", null],
    ]);
  });

  it("proposes no pipeline without a deploy in it, nor a default pipeline of one procedure", () => {
    const monitoring = ["# Ops", "## Production Monitoring", "### 1. Dashboards", sh("open https://grafana"), "### 2. Alerts", sh("amtool check")].join("\n");
    expect(pipelines(monitoring).map(([, , env]) => env)).toEqual([null, null]);
    const single = ["# Ops", "## 1. Deploy", sh("./deploy.sh"), "## Notes", sh("echo hi")].join("\n");
    expect(pipelines(single).map(([, , env]) => env)).toEqual([null, null]);
  });

  it("reads numbered headings and environment names", () => {
    for (const h of [
      "1.1 Database Setup",
      "4.3 E2E Testing",
      "Step 1: Prepare Release",
      "Step 8: Announcement",
      "Day 1-2: Database Setup",
      "2) Deploy",
      "Phase 3 - Verify",
    ])
      expect(isNumberedHeading(h), h).toBe(true);
    for (const h of ["Deploy", "Level 1: Traffic Rollback", "Week 1: Intensive Monitoring", "2024 retrospective notes"])
      expect(isNumberedHeading(h), h).toBe(false);
    expect(environmentOfHeadings(["Staging Deployment", "Phase 1: Infrastructure Setup"])).toBe("staging");
    expect(environmentOfHeadings(["Production Rollout Strategy", "Phase 2: Canary"])).toBe("production");
    expect(environmentOfHeadings(["Staging Deployment", "Promote to production"])).toBe("production");
    expect(environmentOfHeadings(["Canary stages"])).toBeNull();
  });
});
