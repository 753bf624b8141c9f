import { describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config";

describe("settings", () => {
  it("gives every setting its default when nothing is set", () => {
    const settings = loadConfig({});
    expect(settings).toMatchObject({
      COUNTDOWN_QUEUE: "countdown",
      COUNTDOWN_DB_POOL: 10,
      COUNTDOWN_NOTIFY_SWEEP_MS: 5_000,
      COUNTDOWN_WEBHOOK_ALLOW_HOSTS: "",
    });
    expect(settings.DATABASE_URL).toBeUndefined();
  });

  it("treats an empty value as unset", () => {
    const settings = loadConfig({ REDIS_URL: "", COUNTDOWN_QUEUE: "", COUNTDOWN_DB_POOL: "" });
    expect(settings.REDIS_URL).toBeUndefined();
    expect(settings).toMatchObject({ COUNTDOWN_QUEUE: "countdown", COUNTDOWN_DB_POOL: 10 });
  });

  it("names each bad variable and what it expects, without echoing the value", () => {
    const attempt = () => loadConfig({ COUNTDOWN_DB_POOL: "zero", COUNTDOWN_JOB_LOCK_MS: "0", DATABASE_URL: "pg-with-hunter2" });
    expect(attempt).toThrow(/COUNTDOWN_DB_POOL: expected a whole number of 1 or more/);
    expect(attempt).toThrow(/COUNTDOWN_JOB_LOCK_MS: expected a whole number of 1 or more/);
    expect(attempt).toThrow(/DATABASE_URL: expected a postgres:\/\/ connection URL/);
    expect(attempt).not.toThrow(/hunter2/);
  });
});
