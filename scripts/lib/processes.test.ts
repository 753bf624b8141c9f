import { describe, expect, it, vi } from "vitest";
import { nextRestart, startService, supervise, type RestartPolicy } from "./processes";

const policy: RestartPolicy = { firstDelayMs: 20, maxDelayMs: 60, quickMs: 10_000, maxQuickFailures: 3 };

describe("restart backoff", () => {
  it("doubles from the first delay up to the cap, and gives up after the quick failures allowed", () => {
    expect([1, 2, 3].map((n) => nextRestart({ ...policy, maxQuickFailures: 10 }, n))).toEqual([
      { giveUp: false, delayMs: 20 },
      { giveUp: false, delayMs: 40 },
      { giveUp: false, delayMs: 60 },
    ]);
    expect(nextRestart(policy, 3)).toEqual({ giveUp: true });
  });
});

describe("supervise", () => {
  it("restarts a process that exits, a log line each time, and gives up after quick failures in a row", async () => {
    const lines: string[] = [];
    let starts = 0;
    const reason = await new Promise<string>((resolve) => {
      supervise(
        "crasher",
        () => {
          starts++;
          return startService("crasher", process.execPath, ["-e", "process.exit(3)"], { PATH: process.env.PATH }, process.cwd());
        },
        (line) => lines.push(line),
        resolve,
        policy,
      );
    });
    expect(starts).toBe(3);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^crasher exited with code 3 after [\d.]+ s; restarting it in 0 s \(restart 1\)$/);
    expect(reason).toBe("crasher exited with code 3 3 times in a row, each within 10 s of its start; giving up on it");
  });

  it("counts a command that cannot start as a failure instead of crashing", async () => {
    const quiet = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const reason = await new Promise<string>((resolve) => {
      supervise(
        "missing",
        () => startService("missing", "/nonexistent/countdown-binary", [], {}, process.cwd()),
        () => {},
        resolve,
        policy,
      );
    });
    quiet.mockRestore();
    expect(reason).toMatch(/^missing exited with code 127 3 times in a row/);
  });

  it("does not restart what it was asked to stop", async () => {
    const lines: string[] = [];
    const service = supervise(
      "sleeper",
      () => startService("sleeper", process.execPath, ["-e", "setTimeout(() => {}, 60000)"], { PATH: process.env.PATH }, process.cwd()),
      (l) => lines.push(l),
      () => lines.push("gave up"),
      policy,
    );
    const first = service.current();
    await service.stop(2_000);
    await new Promise((r) => setTimeout(r, 100));
    expect(first.child.signalCode).toBe("SIGTERM");
    expect(service.current()).toBe(first);
    expect(lines).toEqual([]);
  });
});
