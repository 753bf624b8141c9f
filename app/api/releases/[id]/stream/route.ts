// GET /api/releases/:id/stream - Server-Sent Events of the release's history and live tail; honours Last-Event-ID (signed in or share token)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { ZReleaseParams } from "@/lib/schemas/release";
import { streamAudience } from "@/lib/server/access/read-policy";
import { lastSeq } from "@/lib/server/stream/read-release-log";
import { releaseStream } from "@/lib/server/stream/release-stream";

export const dynamic = "force-dynamic";

const ZStreamQuery = z.object({ after: z.coerce.number().int().min(0).optional() }).strict();

export const GET = route({ roles: SIGNED_IN, share: true, params: ZReleaseParams, query: ZStreamQuery }, async ({ req, params, query, caller }) => {
  if ((await lastSeq(params.id)) === null) throw new AppError("NOT_FOUND", "Release not found");
  const header = Number(req.headers.get("last-event-id"));
  const after = Number.isInteger(header) && header >= 0 && req.headers.has("last-event-id") ? header : (query.after ?? 0);
  return releaseStream(params.id, after, streamAudience(caller), req.signal);
});
