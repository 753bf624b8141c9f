// Every setting Countdown reads from its environment, parsed once with zod. Nothing outside this file and
// scripts/ reads process.env: a new setting is added here, with its default and what it expects, and the
// README's configuration table tells people. A bad value stops the process at start with the variable's
// name (scripts/start.ts and workers/index.ts call loadConfig() before anything else).
import { z } from "zod";

const positiveInt = (fallback: number) => z.coerce.number({ error: "a whole number of 1 or more" }).int({ error: "a whole number of 1 or more" }).min(1, { error: "a whole number of 1 or more" }).default(fallback);
/** Unset and "" both mean "not set", as shells and .env files write it both ways. */
const optionalText = z
  .string()
  .optional()
  .transform((value) => value || undefined);

const ZConfig = z.object({
  /** Set by Next.js and vitest; response schemas are checked on every answer outside production. */
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** The app's PostgreSQL; scripts/start.ts resolves the embedded one to a URL when unset. */
  DATABASE_URL: optionalText.pipe(z.url({ message: "a postgres:// connection URL" }).optional()),
  /** The job queue on Redis instead of PostgreSQL. */
  REDIS_URL: optionalText.pipe(z.url({ message: "a redis:// connection URL" }).optional()),
  /** Signs session cookies; also the default key that seals environment secrets. */
  NEXTAUTH_SECRET: optionalText,
  /** The public address of the app, used in share links and notification links. */
  NEXTAUTH_URL: optionalText.pipe(z.url({ message: "the app's public URL, e.g. https://countdown.example.com" }).optional()),
  /** Seals environment secrets and channel URLs instead of NEXTAUTH_SECRET. */
  COUNTDOWN_SECRET_KEY: optionalText,
  /** Lets two installations share one Redis, and a test give a worker its own queue. */
  COUNTDOWN_QUEUE: optionalText.transform((value) => value ?? "countdown"),
  COUNTDOWN_DB_POOL: positiveInt(10),
  COUNTDOWN_WORKER_CONCURRENCY: positiveInt(4),
  /** How long a job's lock lasts before another worker may take a stalled job over. */
  COUNTDOWN_JOB_LOCK_MS: positiveInt(30_000),
  COUNTDOWN_NOTIFY_ATTEMPTS: positiveInt(5),
  COUNTDOWN_NOTIFY_BACKOFF_MS: positiveInt(10_000),
  COUNTDOWN_NOTIFY_SWEEP_MS: positiveInt(5_000),
  /** A run's stored output is capped here (bytes); past it one line says so and later lines are dropped. */
  COUNTDOWN_RUN_OUTPUT_MAX_BYTES: positiveInt(50 * 1024 * 1024),
  /** The locale and time zone commands get (the worker's own, or these defaults); nothing else of its environment. */
  LANG: z.string().default("C.UTF-8"),
  TZ: z.string().default("UTC"),
  /** Webhook hosts the address guard lets through anyway ("127.0.0.1,localhost"), for tests and local receivers. */
  COUNTDOWN_WEBHOOK_ALLOW_HOSTS: z.string().default(""),
});

export type Config = z.output<typeof ZConfig>;

let cached: Config | undefined;

/** Parses the environment; throws one error naming each bad variable and what it expects. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    // The value itself is left out: a connection URL carries a password.
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: expected ${issue.message}`);
    throw new Error(`Countdown's settings are not valid:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** The settings, parsed on first use. */
export function config(): Config {
  return cached ?? loadConfig();
}

/** For tests that change a setting mid-run: the next config() parses the environment again. */
export function reloadConfig(): Config {
  cached = undefined;
  return config();
}
