// The promotion rule: a release goes along its path of environments in order (staging, then production). Pure, so
// the gate (lib/decisions/deploy-gate.ts), the release page and the unit tests read the same rule.
import { AppError } from "@/lib/errors";
import type { EnvironmentState } from "@/lib/releases/lifecycle";

export type PathEntry = {
  environment: string;
  position: number;
  state: EnvironmentState;
  runId: string | null;
  deployedAt: Date | null;
  verifiedAt: Date | null;
};

/** The environment the release is at: the first of its path not deployed and verified, else the last. */
export function currentEnvironment<T extends Pick<PathEntry, "environment" | "state">>(path: readonly T[]): T {
  return path.find((e) => e.state !== "deployed") ?? path[path.length - 1];
}

/**
 * Where a run goes when the caller names no environment: the current one; a rollback goes to the nearest environment
 * at or before it where a deploy started (after staging was verified, production is current but nothing is there).
 */
export function defaultEnvironment(path: readonly Pick<PathEntry, "environment" | "state">[], kind: string, fallback: string): string {
  if (path.length === 0) return fallback;
  const current = currentEnvironment(path);
  if (kind !== "rollback") return current.environment;
  const upTo = path.slice(0, path.indexOf(current) + 1).reverse();
  return (upTo.find((e) => ["deploying", "verifying", "deployed", "failed"].includes(e.state)) ?? current).environment;
}

/** When a deploy to `environment` may start after its predecessor's verified deploy (waitMinutes), or null. */
export function waitUntil(path: readonly PathEntry[], environment: string, waitMinutes: number): Date | null {
  const i = path.findIndex((e) => e.environment === environment);
  const previous = i > 0 ? path[i - 1] : null;
  if (!previous?.verifiedAt || waitMinutes <= 0) return null;
  return new Date(previous.verifiedAt.getTime() + waitMinutes * 60_000);
}

/**
 * Throws unless a deploy to `environment` may start now: 409 NOT_PROMOTED while the environment before it on the
 * path is not deployed and verified, 409 WAITING until its `waitMinutes` have passed since that verification.
 * The first environment of a path is never held back.
 */
export function assertPromoted(path: readonly PathEntry[], environment: string, waitMinutes: number, now: Date) {
  const i = path.findIndex((e) => e.environment === environment);
  if (i < 0)
    throw new AppError("UNPROCESSABLE", `environment: ${environment} is not on this release's path (${path.map((e) => e.environment).join(" -> ")})`, {
      field: "environment",
    });
  if (i === 0) return;
  const previous = path[i - 1];
  if (previous.state !== "deployed") {
    throw new AppError(
      "NOT_PROMOTED",
      `${environment} comes after ${previous.environment}, which is ${previous.state.replace("_", " ")}: deploy ${previous.environment} and verify it first.`,
      {
        environment,
        previous: previous.environment,
        previousState: previous.state,
      },
    );
  }
  const until = waitUntil(path, environment, waitMinutes);
  if (until && until > now) {
    throw new AppError(
      "WAITING",
      `${environment} waits ${waitMinutes} minutes after ${previous.environment} was verified: it may be deployed from ${until.toISOString()}.`,
      {
        environment,
        previous: previous.environment,
        until: until.toISOString(),
      },
    );
  }
}
