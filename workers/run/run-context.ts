// What a run's commands get: the release's facts, the environment's variables and its secrets (decrypted
// here, masked everywhere), and only a few of the worker's own variables: never DATABASE_URL or our secrets.
import { db } from "@/lib/db";
import { openSecret } from "@/lib/runs/secret-box";

const PASSED_THROUGH = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR"];

export async function runEnvironment(run: { releaseId: string; environment: string; id: string }) {
  const release = await db().release.findUniqueOrThrow({ where: { id: run.releaseId } });
  const environment = await db().environment.findUnique({ where: { name: run.environment }, include: { secrets: true } });
  const secrets = Object.fromEntries((environment?.secrets ?? []).map((s) => [s.name, openSecret(s.valueEncrypted)]));
  const env: Record<string, string> = {
    ...Object.fromEntries(PASSED_THROUGH.flatMap((name) => (process.env[name] ? [[name, process.env[name]!]] : []))),
    ...((environment?.variables ?? {}) as Record<string, string>),
    ...secrets,
    RELEASE_ID: release.id,
    RELEASE_NAME: release.name,
    RELEASE_VERSION: release.version,
    RELEASE_ENVIRONMENT: release.environment,
    RUN_ID: run.id,
    ...(release.commitSha ? { COMMIT_SHA: release.commitSha } : {}),
    ...(release.imageTag ? { IMAGE_TAG: release.imageTag } : {}),
  };
  return { env, secretValues: Object.values(secrets), release };
}
