import { describe, expect, it } from "vitest";
import { duration, runWaitStep } from "@/workers/steps/wait-step";
import type { PauseState, StepContext } from "@/workers/steps/step-types";

// A fake clock that moves only when the step sleeps: a ten-minute bake time is tested in microseconds.

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

function fakeClock(start = T0, onSleep?: (at: number) => void) {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms: number, signal: AbortSignal) => {
      if (signal.aborted) return;
      sleeps.push(ms);
      t += ms;
      onSleep?.(t);
    },
  };
}

function context(signal = new AbortController().signal) {
  const lines: string[] = [];
  const ctx: StepContext = { env: {}, signal, output: (stream, line) => lines.push(`${stream}: ${line}`) };
  return { ctx, lines };
}
const step = (seconds: number) => ({ kind: "wait" as const, text: "bake", seconds });

describe("runWaitStep", () => {
  it("waits, with a line at the start, every 30 s and at the end", async () => {
    const clock = fakeClock();
    const { ctx, lines } = context();
    const outcome = await runWaitStep(step(100), ctx, clock);
    expect(outcome).toEqual({ status: "succeeded", summary: "waited 1 min 40 s", result: { until: "2025-06-01T12:01:40.000Z" } });
    expect(clock.sleeps).toEqual([10_000, 30_000, 30_000, 30_000]);
    expect(clock.now() - T0).toBe(100_000);
    expect(lines).toEqual([
      "system: waiting 1 min 40 s until 12:01:40 UTC",
      "system: 1 min 30 s left",
      "system: 1 min left",
      "system: 30 s left",
      "system: waited 1 min 40 s",
    ]);
  });

  it("does not count paused time: the deadline moves by the pause, with a line at the pause and at the resume", async () => {
    // Paused by Maria 20 s in, resumed 45 s later (the orchestrator's pause state, as the database holds it).
    let pause: PauseState = { since: null, by: null, totalMs: 0 };
    const clock = fakeClock(T0, (t) => {
      if (t - T0 === 20_000) pause = { since: t, by: "Maria Manager", totalMs: 0 };
      if (t - T0 === 65_000) pause = { since: null, by: null, totalMs: 45_000 };
    });
    const { ctx, lines } = context();
    ctx.paused = () => pause;
    const outcome = await runWaitStep(step(60), ctx, clock);
    expect(outcome).toMatchObject({ status: "succeeded", summary: "waited 1 min (paused 45 s)" });
    expect(clock.now() - T0).toBe(105_000);
    expect(lines).toEqual([
      "system: waiting 1 min until 12:01:00 UTC",
      "system: paused by Maria Manager with 40 s left",
      "system: resumed with 40 s left",
      "system: 30 s left",
      "system: waited 1 min (paused 45 s)",
    ]);
  });

  it("stops promptly when cancelled and says how much was left", async () => {
    const controller = new AbortController();
    const clock = fakeClock(T0, (t) => t - T0 >= 60_000 && controller.abort());
    const { ctx, lines } = context(controller.signal);
    const outcome = await runWaitStep(step(600), ctx, clock);
    expect(outcome).toMatchObject({ status: "cancelled", summary: "cancelled with 9 min left" });
    expect(clock.now() - T0).toBe(60_000);
    expect(lines.at(-1)).toBe("system: cancelled with 9 min left");
  });

  it("resumes a crashed wait at its original deadline", async () => {
    const clock = fakeClock(T0 + 550_000);
    const { ctx, lines } = context();
    const outcome = await runWaitStep(step(600), ctx, { ...clock, startedAt: T0 });
    expect(outcome.result).toEqual({ until: "2025-06-01T12:10:00.000Z" });
    expect(clock.sleeps).toEqual([20_000, 30_000]);
    expect(lines[0]).toBe("system: waiting 50 s until 12:10:00 UTC");
  });

  it("a zero-second wait does not sleep", async () => {
    const clock = fakeClock();
    expect((await runWaitStep(step(0), context().ctx, clock)).status).toBe("succeeded");
    expect(clock.sleeps).toEqual([]);
  });

  it("really sleeps with the default clock, and a real abort ends it early", async () => {
    const done = await runWaitStep(step(1), context().ctx);
    expect(done.status).toBe("succeeded");
    const controller = new AbortController();
    const t0 = performance.now();
    setTimeout(() => controller.abort(), 100);
    expect((await runWaitStep(step(60), context(controller.signal).ctx)).status).toBe("cancelled");
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});

describe("duration", () => {
  it.each([
    [0, "0 s"],
    [45_000, "45 s"],
    [44_001, "45 s"],
    [90_000, "1 min 30 s"],
    [600_000, "10 min"],
    [3_900_000, "1 h 5 min"],
    [7_200_000, "2 h"],
  ])("%i ms reads %s", (ms, text) => {
    expect(duration(ms)).toBe(text);
  });
});
