import { describe, expect, it } from "vitest";
import { readAccess, streamAudience, templateFor } from "@/lib/access/read-policy";

const caller = (role: "admin" | "manager" | "approver" | "viewer") => ({ id: "u", email: "u@x", name: "U", role, groups: [], via: "token" as const });

describe("readAccess", () => {
  it("gives the plan to those who approve or run it, progress to viewers and share links", () => {
    expect(["admin", "manager", "approver", "viewer"].map((r) => readAccess(caller(r as "viewer")))).toEqual(["plan", "plan", "plan", "progress"]);
    expect(readAccess({ kind: "share", releaseId: "r", linkId: "l" })).toBe("progress");
    expect(readAccess(null)).toBe("progress");
    expect(streamAudience(caller("approver"))).toBe("full");
    expect(streamAudience({ kind: "share", releaseId: "r", linkId: "l" })).toBe("stakeholder");
  });
});

describe("templateFor", () => {
  const template = {
    id: "t",
    canaries: [{ line: 3, text: "Canary", stages: [{ weight: 10 }], weightCommand: "kubectl set-weight {{weight}}" }],
    unplaced: [{ line: 9, text: "psql -c 'drop table x'", reason: "sql code block" }],
    references: [{ title: "Commands", line: 12, header: ["what", "command"], rows: [["restart", "systemctl restart web"]] }],
    thresholds: [{ metric: "Errors", action: "run ./rollback.sh" }],
    procedures: [
      {
        id: "p",
        name: "Deploy",
        kind: "deploy",
        steps: [
          { id: "s1", kind: "command", text: "Roll out", command: "./deploy.sh --token abc" },
          { id: "s2", kind: "command", text: "./migrate.sh up", command: "./migrate.sh up" },
          { id: "s3", kind: "http", text: "Health", request: { method: "GET", url: "https://x/health", headers: { "X-Key": "k" } }, expect: {} },
        ],
      },
    ],
  };

  it("keeps everything for the plan, and only names, kinds and what a stakeholder needs for progress", () => {
    expect(templateFor("plan", template)).toBe(template);
    const seen = templateFor("progress", template);
    expect(seen.procedures[0].steps).toEqual([
      { id: "s1", kind: "command", text: "Roll out" },
      { id: "s2", kind: "command", text: "Command 2" },
      { id: "s3", kind: "http", text: "Health" },
    ]);
    const text = JSON.stringify(seen);
    for (const secret of ["deploy.sh", "migrate.sh", "https://x/health", "X-Key", "kubectl", "psql", "systemctl", "rollback.sh"])
      expect(text).not.toContain(secret);
    expect(seen.unplaced).toEqual([{ line: 9, text: "", reason: "sql code block" }]);
  });
});
