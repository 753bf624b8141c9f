// What a run's commands get: the release's facts, the environment's variables and its secrets (decrypted
// here, masked everywhere), and none of the worker's own variables (command-sandbox.ts adds PATH, HOME, LANG, TZ).
import { db } from "@/lib/db";
import { openSecret } from "@/lib/secrets/secret-box";

export async function runEnvironment(run: { releaseId: string; environment: string; id: string }) {
  const release = await db().release.findUniqueOrThrow({ where: { id: run.releaseId } });
  const environment = await db().environment.findUnique({ where: { name: run.environment }, include: { secrets: true } });
  const secrets = Object.fromEntries((environment?.secrets ?? []).map((s) => [s.name, openSecret(s.valueEncrypted)]));
  const facts: Record<string, string> = {
    COUNTDOWN_RELEASE_ID: release.id,
    COUNTDOWN_RELEASE_NAME: release.name,
    COUNTDOWN_RELEASE_VERSION: release.version,
    ...(release.commitSha ? { COUNTDOWN_RELEASE_COMMIT_SHA: release.commitSha } : {}),
    ...(release.imageTag ? { COUNTDOWN_RELEASE_IMAGE_TAG: release.imageTag } : {}),
    COUNTDOWN_ENVIRONMENT: run.environment,
    COUNTDOWN_RUN_ID: run.id,
  };
  const env: Record<string, string> = {
    ...((environment?.variables ?? {}) as Record<string, string>),
    ...secrets,
    ...facts,
    // The names runbooks were written against before the COUNTDOWN_ prefix (the demo's deploy uses RELEASE_VERSION).
    RELEASE_ID: release.id,
    RELEASE_NAME: release.name,
    RELEASE_VERSION: release.version,
    RELEASE_ENVIRONMENT: run.environment,
    RUN_ID: run.id,
    ...(release.commitSha ? { COMMIT_SHA: release.commitSha } : {}),
    ...(release.imageTag ? { IMAGE_TAG: release.imageTag } : {}),
  };
  return { env, secretValues: Object.values(secrets), release, allowedHosts: environment?.allowedHosts ?? [] };
}
