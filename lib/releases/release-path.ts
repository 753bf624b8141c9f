// A release's promotion path in the database: its environments in order, each with its state. Every move of a
// run's environment goes through movePath, under the release's row lock, with the lifecycle's two tables
// (lib/releases/lifecycle.ts): the environment's state and the release's status move together.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { nextEnvironmentState, nextStatus, releaseEvent, type LifecycleEvent } from "@/lib/releases/lifecycle";
import { currentEnvironment, waitUntil, type PathEntry } from "@/lib/releases/promotion";
import type { TReleaseEnvironmentView } from "@/lib/schemas/release";
import type { ReleaseStatus } from "@/lib/generated/prisma/enums";
import { appendEvent } from "@/lib/events/append-event";

export const pathSelect = { environment: true, position: true, state: true, runId: true, deployedAt: true, verifiedAt: true } as const;

export async function loadPath(client: Prisma.TransactionClient, releaseId: string): Promise<PathEntry[]> {
  return client.releaseEnvironment.findMany({ where: { releaseId }, orderBy: { position: "asc" }, select: pathSelect });
}

/** The environment's entry on the path and whether it is the last one; 422 when it is not on the path. */
export function entryOf(path: readonly PathEntry[], environment: string) {
  const i = path.findIndex((e) => e.environment === environment);
  if (i < 0)
    throw new AppError("UNPROCESSABLE", `environment: ${environment} is not on this release's path (${path.map((e) => e.environment).join(" -> ")})`, {
      field: "environment",
    });
  return { entry: path[i], isLast: i === path.length - 1 };
}

type Move = { releaseId: string; status: ReleaseStatus; environment: string; event: LifecycleEvent; runId: string; actorId: string | null; at?: Date };

/**
 * Applies `event` (a run starting or ending in `environment`) to the path and the release. The caller holds the
 * release's row lock and passes the status it read under it. Events a table does not allow move nothing (a deploy
 * that ended after its environment was rolled back). Returns the release's status after the move.
 */
export async function movePath(tx: Prisma.TransactionClient, move: Move): Promise<ReleaseStatus> {
  const path = await loadPath(tx, move.releaseId);
  const { entry, isLast } = entryOf(path, move.environment);
  const at = move.at ?? new Date();
  const nextState = nextEnvironmentState(entry.state, move.event);
  if (nextState !== null && (nextState !== entry.state || move.event === "deploy.start")) {
    const data: Prisma.ReleaseEnvironmentUpdateManyMutationInput = { state: nextState };
    if (move.event === "deploy.start") Object.assign(data, { runId: move.runId, deployedAt: null, verifiedAt: null });
    if (nextState === "verifying") data.deployedAt = at;
    if (nextState === "deployed") data.verifiedAt = at;
    await tx.releaseEnvironment.updateMany({ where: { releaseId: move.releaseId, environment: move.environment }, data });
    if (nextState !== entry.state) {
      await appendEvent(tx, move.releaseId, {
        type: "environment.status",
        actorId: move.actorId,
        payload: { environment: move.environment, state: nextState, runId: move.runId },
      });
    }
    entry.state = nextState;
  }
  // An event the environment's table refuses moves the release neither (the two never disagree on what happened).
  const next = nextState === null ? null : nextStatus(move.status, releaseEvent(move.event, isLast));
  const current = currentEnvironment(path).environment;
  const data: Prisma.ReleaseUpdateInput = {};
  if (next !== null && next !== move.status) data.status = next;
  // The release's `environment` is where it is along its path: readiness and freezes are about that one.
  const [row] = await tx.$queryRaw<{ environment: string }[]>`SELECT environment FROM "Release" WHERE id = ${move.releaseId}::uuid`;
  if (row && row.environment !== current) data.environment = current;
  if (Object.keys(data).length) await tx.release.update({ where: { id: move.releaseId }, data });
  if (data.status)
    await appendEvent(tx, move.releaseId, {
      type: "release.status",
      actorId: move.actorId,
      payload: { status: next, runId: move.runId, environment: move.environment },
    });
  return (data.status as ReleaseStatus | undefined) ?? move.status;
}

/** The path as the release page and the timeline show it, with the time a waiting environment may be deployed. */
export async function pathView(
  client: Prisma.TransactionClient,
  releaseId: string,
  now = new Date(),
): Promise<{ environments: TReleaseEnvironmentView[]; currentEnvironment: string }> {
  const path = await loadPath(client, releaseId);
  const waits = new Map(
    (await client.environment.findMany({ where: { name: { in: path.map((e) => e.environment) } }, select: { name: true, waitMinutes: true } })).map((e) => [
      e.name,
      e.waitMinutes,
    ]),
  );
  const environments = path.map((e) => {
    const until = e.state === "pending" ? waitUntil(path, e.environment, waits.get(e.environment) ?? 0) : null;
    return {
      name: e.environment,
      state: e.state,
      ...(e.runId ? { runId: e.runId } : {}),
      ...(e.deployedAt ? { deployedAt: e.deployedAt.toISOString() } : {}),
      ...(e.verifiedAt ? { verifiedAt: e.verifiedAt.toISOString() } : {}),
      ...(until && until > now ? { waitUntil: until.toISOString() } : {}),
    };
  });
  return { environments, currentEnvironment: path.length ? currentEnvironment(path).environment : "" };
}
