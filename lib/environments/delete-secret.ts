import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import { recordEnvironmentAudit } from "@/lib/environments/environment-audit";
import { assertSecretKey, lockEnvironment } from "@/lib/environments/set-secret";

/** Removes a secret; 404 when the environment has none of that name. */
export async function deleteSecret(name: string, key: string, caller: Caller) {
  assertSecretKey(key);
  await db().$transaction(async (tx) => {
    const environmentId = await lockEnvironment(tx, name);
    const { count } = await tx.environmentSecret.deleteMany({ where: { environmentId, name: key } });
    if (count === 0) throw new AppError("NOT_FOUND", `${name} has no secret ${key}`);
    await recordEnvironmentAudit(tx, { environment: name, type: "secret.deleted", actorId: caller.id, payload: { key } });
  });
}
