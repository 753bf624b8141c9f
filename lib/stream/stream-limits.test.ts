import { describe, expect, it } from "vitest";
import { acquireShareStream, acquireUserStream, openStreamCounts, streamSettings } from "@/lib/stream/stream-limits";
import { AppError } from "@/lib/errors";

const settings = streamSettings({
  COUNTDOWN_SHARE_STREAM_BURST: "3",
  COUNTDOWN_SHARE_STREAM_RATE: "2",
  COUNTDOWN_MAX_SHARE_STREAMS: "5",
  COUNTDOWN_MAX_STREAMS: "2",
});
const refused = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? { status: err.status, retryAfter: Number(err.headers?.["Retry-After"]) } : err;
  }
  return null;
};

describe("stream limits", () => {
  it("reads its settings from the environment, with defaults of 10 per user, 5,000 share streams, a 15 s re-check and heartbeat", () => {
    expect(streamSettings({})).toEqual({
      COUNTDOWN_MAX_STREAMS: 10,
      COUNTDOWN_MAX_SHARE_STREAMS: 5_000,
      COUNTDOWN_SHARE_STREAM_BURST: 200,
      COUNTDOWN_SHARE_STREAM_RATE: 10,
      COUNTDOWN_STREAM_RECHECK_MS: 15_000,
      COUNTDOWN_STREAM_HEARTBEAT_MS: 15_000,
    });
    expect(() => streamSettings({ COUNTDOWN_STREAM_RECHECK_MS: "60000" })).toThrow();
    expect(() => streamSettings({ COUNTDOWN_STREAM_HEARTBEAT_MS: "10" })).toThrow(/COUNTDOWN_STREAM_HEARTBEAT_MS/);
  });

  it("gives a user a few slots and takes each back once", () => {
    const release = [acquireUserStream("u1", settings), acquireUserStream("u1", settings)];
    expect(refused(() => acquireUserStream("u1", settings))).toEqual({ status: 429, retryAfter: 10 });
    expect(refused(() => acquireUserStream("u2", settings))).toBeNull();
    release[0]();
    release[0]();
    expect(refused(() => acquireUserStream("u1", settings))).toBeNull();
    expect(refused(() => acquireUserStream("u1", settings))).toEqual({ status: 429, retryAfter: 10 });
  });

  it("lets an address open a burst of share streams, then a few a second, and caps the process total", () => {
    const t0 = 1_000_000;
    const held = [0, 1, 2].map(() => acquireShareStream("203.0.113.5", settings, t0));
    expect(refused(() => acquireShareStream("203.0.113.5", settings, t0))).toEqual({ status: 429, retryAfter: 1 });
    // Two a second come back: half a second later one more may open.
    held.push(acquireShareStream("203.0.113.5", settings, t0 + 500));
    held.push(acquireShareStream("198.51.100.1", settings, t0 + 500));
    expect(openStreamCounts().share).toBe(5);
    expect(refused(() => acquireShareStream("198.51.100.2", settings, t0 + 600))).toMatchObject({ status: 429 });
    for (const release of held) release();
    expect(openStreamCounts().share).toBe(0);
  });
});
