import { describe, expect, it } from "vitest";
import { shellBlockSteps, type BlockContext } from "@/lib/runbook/code-steps";

const ctx = (over: Partial<BlockContext> = {}): BlockContext => ({ lang: "bash", leadIn: null, heading: null, firstLine: 10, ...over });

describe("shellBlockSteps", () => {
  it("makes command steps described by their comments, with absolute lines", () => {
    expect(shellBlockSteps("# Stop services\ndocker-compose down\n\ngit checkout v0.9.0", ctx())).toEqual([
      { kind: "command", text: "Stop services", command: "docker-compose down", line: 11 },
      { kind: "command", text: "git checkout v0.9.0", command: "git checkout v0.9.0", line: 13 },
    ]);
  });

  it("prefixes the lead-in of the list item the block belongs to", () => {
    const steps = shellBlockSteps("# Record baseline\nkubectl top pods\nkubectl get hpa", ctx({ leadIn: "Performance Baseline" }));
    expect(steps.map((s) => s.text)).toEqual(["Performance Baseline: Record baseline", "Performance Baseline: Record baseline"]);
    const separate = shellBlockSteps("# Record baseline\nkubectl top pods\n\nkubectl get hpa", ctx({ leadIn: "Performance Baseline" }));
    expect(separate.map((s) => s.text)).toEqual(["Performance Baseline: Record baseline", "Performance Baseline"]);
  });

  it("turns a curl check into an http step and keeps the expectation words", () => {
    const [step] = shellBlockSteps("# Health check\ncurl -v https://x/health\n# Expected: 200 OK", ctx());
    expect(step).toMatchObject({
      kind: "http",
      text: "Health check (Expected: 200 OK)",
      command: "curl -v https://x/health",
      expect: { status: { anyOf: [200] } },
      line: 11,
    });
  });

  it("keeps curl in a loop as a command", () => {
    const steps = shellBlockSteps("for l in a b; do\n  curl https://x/$l\ndone", ctx());
    expect(steps).toHaveLength(1);
    expect(steps[0].kind).toBe("command");
  });

  it("keeps expectations of non-curl commands in the text", () => {
    const [step] = shellBlockSteps("redis-cli ping\n# Expected: PONG", ctx());
    expect(step).toMatchObject({ kind: "command", text: "redis-cli ping (Expected: PONG)" });
  });

  it("makes sleep and wait notes wait steps, other notes gates", () => {
    expect(shellBlockSteps("sleep 30\nsleep 2m\n# Wait for 5 minutes", ctx())).toMatchObject([
      { kind: "wait", seconds: 30 },
      { kind: "wait", seconds: 120 },
      { kind: "wait", seconds: 300, text: "Wait for 5 minutes" },
    ]);
    expect(shellBlockSteps("./run.sh\n# Verify all endpoints responding", ctx({ leadIn: "Smoke Test Suite" }))).toMatchObject([
      { kind: "command", text: "Smoke Test Suite" },
      { kind: "gate", text: "Smoke Test Suite: Verify all endpoints responding" },
    ]);
  });

  it("reads only the prompt lines of a console block", () => {
    const steps = shellBlockSteps("$ npm test\n5 passing\n$ npm run build", ctx({ lang: "console" }));
    expect(steps.map((s) => (s.kind === "command" ? s.command : s.kind))).toEqual(["npm test", "npm run build"]);
  });
});
