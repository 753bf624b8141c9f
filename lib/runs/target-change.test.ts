import { describe, expect, it } from "vitest";
import { isGatedRun, stepCanChangeTarget } from "@/lib/runs/target-change";

const http = (method: string) => ({ kind: "http", config: { request: { method, url: "https://example.test/", headers: {} } } });

describe("which runs can change a target", () => {
  it("judges steps by what they can do", () => {
    expect(["GET", "HEAD", "OPTIONS", "get"].map((m) => stepCanChangeTarget(http(m)))).toEqual([false, false, false, false]);
    expect(["POST", "PUT", "PATCH", "DELETE"].map((m) => stepCanChangeTarget(http(m)))).toEqual([true, true, true, true]);
    expect(stepCanChangeTarget({ kind: "http", config: {} })).toBe(true);
    for (const kind of ["wait", "gate", "watch"]) expect(stepCanChangeTarget({ kind })).toBe(false);
    for (const kind of ["command", "canary"]) expect(stepCanChangeTarget({ kind })).toBe(true);
  });

  it("never gates a rollback, always a deploy or custom procedure, and a check only when a step can write", () => {
    expect(isGatedRun("rollback", [{ kind: "command" }])).toBe(false);
    expect(isGatedRun("deploy", [http("GET")])).toBe(true);
    expect(isGatedRun("custom", [])).toBe(true);
    expect(isGatedRun("smoke", [http("GET"), { kind: "wait" }, { kind: "watch" }])).toBe(false);
    expect(isGatedRun("verify", [http("GET"), { kind: "command", config: { command: "kubectl apply -f prod.yaml" } }])).toBe(true);
    expect(isGatedRun("smoke", [http("POST")])).toBe(true);
  });
});
