import type { TemplateDraft } from "@/lib/templates/save-template";

const deployCommand = 'curl -fsS -X POST -H "Authorization: Bearer $DEMO_DEPLOY_TOKEN" "$DEMO_URL/admin/deploy?version=$RELEASE_VERSION"';
const weightCommand = 'curl -fsS -X POST -H "Authorization: Bearer $DEMO_DEPLOY_TOKEN" "$DEMO_URL/admin/weight?weight={{weight}}"; echo';
const rollbackCommand = 'curl -fsS -X POST -H "Authorization: Bearer $DEMO_DEPLOY_TOKEN" "$DEMO_URL/admin/rollback"';

/** The plan of the demo release a newcomer sees on first start; its procedures drive the demo service. */
export function demoTemplate(demoUrl: string): TemplateDraft {
  const health = (text: string) => ({
    kind: "http" as const,
    text,
    request: { method: "GET", url: `${demoUrl}/health`, headers: {} },
    expect: { status: { anyOf: [200] }, bodyContains: ['"status":"ok"'] },
    retries: 3,
    retryIntervalSec: 1,
  });
  const deploySteps: TemplateDraft["procedures"][number]["steps"] = [
    { kind: "command", text: "Switch the demo service to the release's version and restart it", command: deployCommand, timeoutSec: 60 },
    { kind: "wait", text: "Let the new version warm up", seconds: 3 },
    health("The new version answers its health check"),
    {
      kind: "canary",
      text: "Canary: 10 % -> 50 % -> 100 % of traffic while the error rate stays under 1 %",
      weightCommand,
      timeoutSec: 30,
      stages: [
        { weight: 10, bakeSec: 5, promotion: "auto" },
        { weight: 50, bakeSec: 5, promotion: "manual" },
        { weight: 100, bakeSec: 5, promotion: "auto" },
      ],
      watch: {
        text: "error rate under 1 %",
        source: { type: "json", url: `${demoUrl}/metrics.json`, path: "$.errorRatePercent" },
        healthy: { op: "<", value: 1 },
        unit: "%",
        intervalSec: 1,
        failAfter: 2,
        maxMissing: 3,
      },
    },
  ];
  const smokeSteps: TemplateDraft["procedures"][number]["steps"] = [
    health("Health endpoint answers 200"),
    {
      kind: "http",
      text: "Security headers: HSTS present, no X-Powered-By",
      request: { method: "GET", url: `${demoUrl}/`, headers: {} },
      expect: { status: { anyOf: [200] }, headerPresent: ["strict-transport-security"], headerAbsent: ["x-powered-by"] },
    },
    // An HTTP GET, not a shell command: a smoke test that only reads runs before the deploy too, as a pre-flight
    // check (a command could change the target, so it would wait for the release to be ready: docs/lifecycle.md).
    {
      kind: "http",
      text: "Version endpoint answers",
      request: { method: "GET", url: `${demoUrl}/version`, headers: {} },
      expect: { status: { anyOf: [200] }, bodyContains: ['"version"'] },
    },
  ];
  return {
    name: "Web service launch (demo)",
    // A release created from it without a path goes staging -> production (the demo seed's environments).
    environments: ["staging", "production"],
    description: "A small web service's launch: checks a week out, go/no-go the day before, deploy, smoke test, rollback.",
    phases: [
      {
        title: "One week before (T-7 days)",
        offsetMinutes: -7 * 24 * 60,
        items: [
          { text: "Release branch cut and CI green", required: true, ownerRole: "engineering" },
          { text: "Database migrations reviewed by a second engineer", required: true, ownerRole: "engineering" },
          { text: "Load test run against staging at 2x expected peak", required: false, ownerRole: "qa" },
        ],
      },
      {
        title: "Day before (T-1 day)",
        offsetMinutes: -24 * 60,
        items: [
          { text: "Release notes drafted and shared with support", required: true, ownerRole: "product" },
          { text: "On-call engineer confirmed for launch window", required: true, ownerRole: "engineering" },
          { text: "Rollback procedure rehearsed on staging", required: true, ownerRole: "devops" },
        ],
      },
      {
        title: "Go/no-go (T-1 hour)",
        offsetMinutes: -60,
        items: [
          { text: "Error budget healthy (error rate < 0.5% over 24 h)", required: true, ownerRole: "sre" },
          { text: "No open severity-1 incidents", required: true, ownerRole: "sre" },
        ],
      },
      {
        title: "After launch (T+30 minutes)",
        offsetMinutes: 30,
        items: [
          { text: "Dashboards watched for 30 minutes: p95 latency < 500 ms", required: true, ownerRole: "sre" },
          { text: "Stakeholders told the launch is complete", required: true, ownerRole: "product" },
        ],
      },
    ],
    procedures: [
      {
        name: "Deploy",
        kind: "deploy",
        steps: deploySteps,
      },
      {
        name: "Smoke test",
        kind: "smoke",
        steps: smokeSteps,
      },
      // Production's deploy pipeline (docs/environments.md#pipelines): Deploy there runs both as one run, and its
      // smoke test verifies that deploy, so the release is released when it passes. Staging and "demo" run the
      // unbound Deploy, then the smoke test as a run of its own.
      { name: "Deploy to production", kind: "deploy", environment: "production", steps: deploySteps },
      { name: "Smoke test in production", kind: "smoke", environment: "production", steps: smokeSteps },
      {
        name: "Rollback",
        kind: "rollback",
        steps: [
          { kind: "command", text: "Switch back to the previous version", command: rollbackCommand, timeoutSec: 60 },
          { kind: "wait", text: "Let it restart", seconds: 2 },
          health("The previous version is healthy again"),
        ],
      },
    ],
  };
}
