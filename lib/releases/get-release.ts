import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getReadiness } from "@/lib/decisions/readiness";
import { releaseInclude, toReleaseView } from "@/lib/releases/release-view";
import { pathView } from "@/lib/releases/release-path";
import type { TReleaseDetail } from "@/lib/schemas/release-detail";

export async function getRelease(id: string): Promise<TReleaseDetail> {
  const [release, readiness, path] = await Promise.all([
    db().release.findUnique({ where: { id }, include: releaseInclude, relationLoadStrategy: "join" }),
    getReadiness(id).catch((err: unknown) => (err instanceof AppError && err.status === 404 ? null : Promise.reject(err))),
    pathView(db(), id),
  ]);
  if (!release || !readiness) throw new AppError("NOT_FOUND", "Release not found");
  // The path with the waits of its environments' protection (release-path.ts).
  return { ...toReleaseView(release), ...path, managerId: release.managerId, readiness };
}

export type ReleaseDetail = TReleaseDetail;
