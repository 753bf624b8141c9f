// Every setting Countdown reads from its environment, parsed once with zod. Nothing outside this file and
// scripts/ reads process.env: a new setting is added here, with its default and what it expects, and the
// README's configuration table tells people. A bad value stops the process at start with the variable's
// name (scripts/start.ts and workers/index.ts call loadConfig() before anything else).
import { z } from "zod";

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: "a whole number of 1 or more" })
    .int({ error: "a whole number of 1 or more" })
    .min(1, { error: "a whole number of 1 or more" })
    .default(fallback);
const milliseconds = (min: number, max: number, fallback: number) => {
  const error = `milliseconds from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback);
};
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
  /** The demo users' password (prisma/seed); generated on the first start and kept in the data dir when unset. */
  COUNTDOWN_DEMO_PASSWORD: optionalText,
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
  /** Live streams one signed-in user may hold per web process (429 beyond). */
  COUNTDOWN_MAX_STREAMS: positiveInt(10),
  /** Share-link streams one web process holds in all: a link is made for a whole audience. */
  COUNTDOWN_MAX_SHARE_STREAMS: positiveInt(5_000),
  /** New share-link streams one address may open at once, then COUNTDOWN_SHARE_STREAM_RATE a second. */
  COUNTDOWN_SHARE_STREAM_BURST: positiveInt(200),
  COUNTDOWN_SHARE_STREAM_RATE: z.coerce.number({ error: "a number above 0" }).positive({ error: "a number above 0" }).default(10),
  /** How often every stream re-checks its credential (revoked, expired, disabled, another role); at most 15 s. */
  COUNTDOWN_STREAM_RECHECK_MS: milliseconds(50, 15_000, 15_000),
  /** How long a live stream may stay silent before it writes a heartbeat comment: below the load balancer's idle timeout. */
  COUNTDOWN_STREAM_HEARTBEAT_MS: milliseconds(100, 60_000, 15_000),
  /** Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, comma-separated); none by default. */
  COUNTDOWN_TRUSTED_PROXIES: z.string().default(""),
  /** How long one runbook import may parse before it is refused as too complex (422 TOO_COMPLEX). */
  COUNTDOWN_IMPORT_BUDGET_MS: positiveInt(3_000),
  /** Set by Next.js in the server it bundled (`next start`, `next dev`); unset under vitest and tsx scripts. */
  NEXT_RUNTIME: optionalText,
  /** Webhook hosts the address guard lets through anyway ("127.0.0.1,localhost"), for tests and local receivers. */
  COUNTDOWN_WEBHOOK_ALLOW_HOSTS: z.string().default(""),
});

export type Config = z.output<typeof ZConfig>;

let cached: Config | undefined;

/** Parses the environment and keeps the result for config(); throws one error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  cached = parseConfig(env);
  return cached;
}

/** Parses settings without keeping them (tests of one module's settings). */
export function parseConfig(env: Record<string, string | undefined>): Config {
  // Unset and "" are the same: the default applies.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const parsed = ZConfig.safeParse(given);
  if (!parsed.success) {
    // The value itself is left out: a connection URL carries a password.
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: expected ${issue.message}`);
    throw new Error(`Countdown's settings are not valid:\n${lines.join("\n")}`);
  }
  return parsed.data;
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
