import "server-only";
import { db } from "@/lib/db";
import type { Caller } from "@/lib/auth/roles";
import { DEFAULT_PROTECTION, type TCreateEnvironment } from "@/lib/schemas/environment";
import { recordEnvironmentAudit } from "@/lib/environments/environment-audit";
import { environmentSelect, toEnvironmentView } from "@/lib/environments/environment-view";
import { placeEnvironment } from "@/lib/environments/place-environment";
import { refreshReadiness } from "@/lib/environments/refresh-readiness";
import type { TEnvironmentView } from "@/lib/schemas/environment";

/** Adds an environment (last unless a position is given); a taken name is 409 (the unique index decides). */
export async function createEnvironment(input: TCreateEnvironment, caller: Caller): Promise<TEnvironmentView> {
  const protection = { ...DEFAULT_PROTECTION, ...input.protection };
  return db().$transaction(async (tx) => {
    await tx.environment.create({ data: { name: input.name, variables: input.variables, ...protection, position: 0 } });
    await placeEnvironment(tx, input.name, input.position);
    const row = await tx.environment.findUniqueOrThrow({ where: { name: input.name }, select: environmentSelect });
    await recordEnvironmentAudit(tx, {
      environment: input.name,
      type: "environment.created",
      actorId: caller.id,
      payload: { position: row.position, variables: Object.keys(input.variables).sort(), protection },
    });
    // Releases may already name it (an environment used to be just a name): its rules now apply to them.
    await refreshReadiness(tx, input.name, caller.id);
    return toEnvironmentView(row);
  });
}
