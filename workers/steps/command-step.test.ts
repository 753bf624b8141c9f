import { execFileSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { createLineSplitter, killProcessGroup, processGroupAlive, runCommandStep } from "@/workers/steps/command-step";
import type { OutputStream, StepContext } from "@/workers/steps/step-types";

// Real bash, real process groups: what we promise is about the operating system, so that is what is tested.

type Line = { stream: OutputStream; line: string };
const leftovers: number[] = [];

function context(over: Partial<StepContext> = {}) {
  const lines: Line[] = [];
  const ctx: StepContext = { env: {}, signal: new AbortController().signal, output: (stream, line) => lines.push({ stream, line }), ...over };
  return { ctx, lines, of: (s: OutputStream) => lines.filter((l) => l.stream === s).map((l) => l.line) };
}
const step = (command: string, timeoutSec?: number) => ({ kind: "command" as const, text: command, command, timeoutSec });

/** Live processes still in the group, straight from `ps` (zombies awaiting PID 1's reaping are dead). */
function groupMembers(pgid: number): string[] {
  const table = execFileSync("ps", ["-e", "-o", "pgid=,stat=,args="], { encoding: "utf8" });
  return table.split("\n").filter((row) => {
    const [group, stat] = row.trim().split(/\s+/);
    return group === String(pgid) && !stat.startsWith("Z");
  });
}

afterEach(() => {
  for (const pgid of leftovers.splice(0)) killProcessGroup(pgid, "SIGKILL");
});

describe("runCommandStep output", () => {
  it("delivers 10,000 lines complete, in order, quickly", async () => {
    const { ctx, of } = context();
    const t0 = performance.now();
    const outcome = await runCommandStep(step("seq 1 10000"), ctx);
    const ms = performance.now() - t0;
    console.log(`10,000 lines in ${ms.toFixed(0)} ms`);
    expect(outcome).toMatchObject({ status: "succeeded", exitCode: 0 });
    expect(of("stdout")).toEqual(Array.from({ length: 10_000 }, (_, i) => String(i + 1)));
    expect(ms).toBeLessThan(5_000);
  });

  it("marks stdout and stderr and keeps each stream's order", async () => {
    const { ctx, of } = context();
    await runCommandStep(step('for i in $(seq 1 2000); do echo "out $i"; echo "err $i" >&2; done'), ctx);
    expect(of("stdout")).toEqual(Array.from({ length: 2000 }, (_, i) => `out ${i + 1}`));
    expect(of("stderr")).toEqual(Array.from({ length: 2000 }, (_, i) => `err ${i + 1}`));
  });

  it("keeps a last line without a newline and strips CRLF", async () => {
    const { ctx, of } = context();
    await runCommandStep(step("printf 'one\\r\\ntwo\\n\\nthree'"), ctx);
    expect(of("stdout")).toEqual(["one", "two", "", "three"]);
  });

  it("splits a very long line at 16 KiB", async () => {
    const { ctx, of } = context();
    await runCommandStep(step("head -c 40000 /dev/zero | tr '\\0' a; echo; echo after"), ctx);
    const lines = of("stdout");
    expect(lines.map((l) => l.length)).toEqual([16_384, 16_384, 7_232, 5]);
    expect(lines.slice(0, 3).join("")).toBe("a".repeat(40_000));
  });

  it("decodes junk bytes as replacement characters and never passes NUL on", async () => {
    const { ctx, of } = context();
    await runCommandStep(step("printf '\\xff\\xfeok\\x00z \\xc3\\xa9\\n'"), ctx);
    expect(of("stdout")).toEqual(["\uFFFD\uFFFDok\uFFFDz é"]);
  });

  it("keeps a UTF-8 character whole when a chunk boundary cuts through it", () => {
    const lines: string[] = [];
    const split = createLineSplitter((l) => lines.push(l), 4);
    const bytes = Buffer.from("añb😀cd\nx", "utf8");
    for (const b of bytes) split.write(Buffer.from([b]));
    split.end();
    expect(lines).toEqual(["añb", "😀cd", "x"]); // the emoji (two UTF-16 units) is not cut at the 4-char cap
  });
});

describe("runCommandStep exit and environment", () => {
  it("reports exit codes", async () => {
    expect(await runCommandStep(step("true"), context().ctx)).toMatchObject({ status: "succeeded", exitCode: 0 });
    const failed = await runCommandStep(step("echo boom >&2; exit 3"), context().ctx);
    expect(failed).toMatchObject({ status: "failed", exitCode: 3, summary: expect.stringMatching(/^exit 3 in /) });
    expect(failed.result).toMatchObject({ exitCode: 3, signal: null, timedOut: false, cancelled: false });
  });

  it("runs the text as written: no -e, so a failing middle command does not stop it", async () => {
    const { ctx, of } = context();
    expect(await runCommandStep(step("false; echo still here"), ctx)).toMatchObject({ status: "succeeded" });
    expect(of("stdout")).toEqual(["still here"]);
  });

  it("passes the step's variables and only a few of the worker's own", async () => {
    process.env.COUNTDOWN_WORKER_ONLY = "leak";
    try {
      const { ctx, of } = context({ env: { API_TOKEN: "s3cr3t value", REGION: "eu" } });
      await runCommandStep(step('echo "$API_TOKEN/$REGION/${COUNTDOWN_WORKER_ONLY-unset}"; command -v ls >/dev/null && echo path-ok'), ctx);
      expect(of("stdout")).toEqual(["s3cr3t value/eu/unset", "path-ok"]);
    } finally {
      delete process.env.COUNTDOWN_WORKER_ONLY;
    }
  });

  it("fails cleanly when the command cannot start", async () => {
    const { ctx, lines } = context({ cwd: "/nonexistent/dir" });
    expect(await runCommandStep(step("true"), ctx)).toMatchObject({ status: "failed", summary: "could not start" });
    expect(lines[0]).toMatchObject({ stream: "system", line: expect.stringContaining("could not start") });
  });

  it("does not wait for, or kill, a background process that keeps the output open", async () => {
    const { ctx, lines } = context();
    const t0 = performance.now();
    const outcome = await runCommandStep(step("sleep 30 & echo started"), ctx, { drainMs: 300 });
    const pgid = outcome.result!.pid as number;
    leftovers.push(pgid);
    expect(outcome.status).toBe("succeeded");
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(lines.map((l) => l.line)).toEqual(["started", expect.stringContaining("background process")]);
    expect(groupMembers(pgid).join("\n")).toContain("sleep 30"); // a started daemon must survive the step
  });
});

describe("runCommandStep timeout and cancel", () => {
  it("a timeout ends the whole process group", async () => {
    const { ctx, lines } = context();
    const t0 = performance.now();
    const outcome = await runCommandStep(step("sleep 60 & sleep 60; wait", 1), ctx, { killGraceMs: 2_000 });
    const pgid = outcome.result!.pid as number;
    leftovers.push(pgid);
    expect(outcome).toMatchObject({ status: "failed", summary: "timed out after 1 s" });
    expect(outcome.result).toMatchObject({ timedOut: true, cancelled: false });
    expect(performance.now() - t0).toBeLessThan(1_800); // TERM was enough: no wait for the grace period
    expect(lines.some((l) => l.stream === "system" && l.line.startsWith("timed out after 1 s"))).toBe(true);
    expect(groupMembers(pgid)).toEqual([]);
    expect(processGroupAlive(pgid)).toBe(false);
  });

  it("sends KILL after the grace period to processes that ignore TERM", async () => {
    const { ctx, lines } = context();
    const t0 = performance.now();
    const outcome = await runCommandStep(step("trap '' TERM; sleep 60 & sleep 60; wait", 1), ctx, { killGraceMs: 400 });
    const pgid = outcome.result!.pid as number;
    leftovers.push(pgid);
    const ms = performance.now() - t0;
    expect(outcome.status).toBe("failed");
    expect(ms).toBeGreaterThan(1_350);
    expect(ms).toBeLessThan(3_000);
    expect(lines.some((l) => l.line.includes("sent KILL"))).toBe(true);
    expect(groupMembers(pgid)).toEqual([]);
  });

  it("cancel through the signal ends the group well within the grace period", async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const { ctx, lines } = context({
      signal: controller.signal,
      output: (stream, line) => {
        lines.push({ stream, line });
        if (line === "started") setTimeout(() => ((abortedAt = performance.now()), controller.abort()), 100);
      },
    });
    const outcome = await runCommandStep(step("sleep 60 & echo started; sleep 60; wait"), ctx);
    const pgid = outcome.result!.pid as number;
    leftovers.push(pgid);
    expect(outcome).toMatchObject({ status: "cancelled", result: { cancelled: true, timedOut: false } });
    expect(performance.now() - abortedAt).toBeLessThan(1_000);
    expect(groupMembers(pgid)).toEqual([]);
  });

  it("does not start a command that is already cancelled", async () => {
    const controller = new AbortController();
    controller.abort();
    const { ctx, of } = context({ signal: controller.signal });
    const outcome = await runCommandStep(step("echo should-not-run"), ctx);
    expect(outcome.status).toBe("cancelled");
    expect(of("stdout")).toEqual([]);
  });
});
