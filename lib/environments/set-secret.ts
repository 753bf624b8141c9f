import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sealSecret } from "@/lib/secrets/secret-box";
import { MIN_SECRET_VALUE_LENGTH, VARIABLE_NAME } from "@/lib/schemas/environment";
import { recordEnvironmentAudit } from "@/lib/environments/environment-audit";

/** 422 naming `key`: a secret reaches commands as an environment variable of this name. */
export function assertSecretKey(key: string) {
  if (!VARIABLE_NAME.test(key))
    throw new AppError("UNPROCESSABLE", "key: upper-case letters, digits and underscore, not starting with a digit (e.g. DEPLOY_TOKEN)", { field: "key" });
}

/** Locks the environment's row for the change (a concurrent DELETE of it waits), 404 when there is none. */
export async function lockEnvironment(tx: Prisma.TransactionClient, name: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Environment" WHERE name = ${name} FOR UPDATE`;
  if (!row) throw new AppError("NOT_FOUND", "Environment not found");
  return row.id;
}

/**
 * Sets or replaces a secret. Write-only: sealed with the app's key (lib/secrets/secret-box.ts) and never returned; the
 * audit log says which key changed, never the value. A run started afterwards gets it (and masks it).
 */
export async function setSecret(name: string, key: string, value: string, caller: Caller) {
  assertSecretKey(key);
  if (value.trim().length < MIN_SECRET_VALUE_LENGTH) {
    throw new AppError("UNPROCESSABLE", `value: a secret needs at least ${MIN_SECRET_VALUE_LENGTH} characters; a shorter one could not be masked in output`, {
      field: "value",
    });
  }
  const sealed = sealSecret(value);
  await db().$transaction(async (tx) => {
    const environmentId = await lockEnvironment(tx, name);
    const existing = await tx.environmentSecret.findUnique({ where: { environmentId_name: { environmentId, name: key } }, select: { id: true } });
    await tx.environmentSecret.upsert({
      where: { environmentId_name: { environmentId, name: key } },
      create: { environmentId, name: key, valueEncrypted: sealed },
      update: { valueEncrypted: sealed },
    });
    await recordEnvironmentAudit(tx, { environment: name, type: "secret.set", actorId: caller.id, payload: { key, replaced: existing !== null } });
  });
}
