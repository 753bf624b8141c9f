import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getReadiness } from "@/lib/server/decisions/readiness";
import { releaseInclude, toReleaseView } from "@/lib/server/releases/release-view";

export async function getRelease(id: string) {
  const [release, readiness] = await Promise.all([
    db().release.findUnique({ where: { id }, include: releaseInclude, relationLoadStrategy: "join" }),
    getReadiness(id).catch((err: unknown) => (err instanceof AppError && err.status === 404 ? null : Promise.reject(err))),
  ]);
  if (!release || !readiness) throw new AppError("NOT_FOUND", "Release not found");
  return { ...toReleaseView(release), managerId: release.managerId, readiness };
}

export type ReleaseDetail = Awaited<ReturnType<typeof getRelease>>;
