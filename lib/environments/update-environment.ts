import "server-only";
import { isDeepStrictEqual } from "node:util";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TEnvironmentView, TUpdateEnvironment } from "@/lib/schemas/environment";
import { recordEnvironmentAudit } from "@/lib/environments/environment-audit";
import { lockEnvironment } from "@/lib/environments/set-secret";
import { environmentSelect, toEnvironmentView } from "@/lib/environments/environment-view";
import { placeEnvironment } from "@/lib/environments/place-environment";
import { refreshReadiness } from "@/lib/environments/refresh-readiness";

/** Moves an environment, replaces its variables, or changes some of its protection rules; audited with what changed. */
export async function updateEnvironment(name: string, input: TUpdateEnvironment, caller: Caller): Promise<TEnvironmentView> {
  return db().$transaction(async (tx) => {
    await lockEnvironment(tx, name);
    const old = await tx.environment.findUniqueOrThrow({ where: { name }, select: environmentSelect });
    const protectionBefore = { requiredGoes: old.requiredGoes, waitMinutes: old.waitMinutes, deployers: old.deployers, allowedHosts: old.allowedHosts };
    const protection = { ...protectionBefore, ...input.protection };
    await tx.environment.update({ where: { name }, data: { ...(input.variables && { variables: input.variables }), ...protection } });
    if (input.position !== undefined) await placeEnvironment(tx, name, input.position);
    const row = await tx.environment.findUniqueOrThrow({ where: { name }, select: environmentSelect });

    const changes: Prisma.InputJsonObject = {
      ...(row.position !== old.position && { position: { from: old.position, to: row.position } }),
      ...(input.variables && variableChanges(old.variables as Record<string, string>, input.variables)),
      ...(!isDeepStrictEqual(protection, protectionBefore) && { protection: { from: protectionBefore, to: protection } }),
    };
    if (Object.keys(changes).length) await recordEnvironmentAudit(tx, { environment: name, type: "environment.updated", actorId: caller.id, payload: changes });
    if (protection.requiredGoes !== protectionBefore.requiredGoes) await refreshReadiness(tx, name, caller.id);
    return toEnvironmentView(row);
  });
}

/** Names only: a variable is not a secret, but the log need not copy values that may be sensitive all the same. */
function variableChanges(before: Record<string, string>, after: Record<string, string>) {
  const added = Object.keys(after)
    .filter((k) => !(k in before))
    .sort();
  const removed = Object.keys(before)
    .filter((k) => !(k in after))
    .sort();
  const changed = Object.keys(after)
    .filter((k) => k in before && before[k] !== after[k])
    .sort();
  return added.length || removed.length || changed.length ? { variables: { added, removed, changed } } : {};
}
