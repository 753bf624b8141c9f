// GET /api/releases/:id/stream - Server-Sent Events of the release's history and live tail; honours Last-Event-ID (signed in or share token)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { canManage, SIGNED_IN } from "@/lib/auth/roles";
import { isShareCaller } from "@/lib/auth/share-caller";
import { AppError } from "@/lib/errors";
import { ZReleaseParams } from "@/lib/schemas/release";
import { streamCursor, ZStreamAfter } from "@/lib/schemas/stream-cursor";
import { lastSeq } from "@/lib/server/stream/read-release-log";
import { releaseStream } from "@/lib/server/stream/release-stream";

export const dynamic = "force-dynamic";

const ZStreamQuery = z.object({ after: ZStreamAfter }).strict();

export const GET = route({ roles: SIGNED_IN, share: true, params: ZReleaseParams, query: ZStreamQuery }, async ({ req, params, query, caller }) => {
  if ((await lastSeq(params.id)) === null) throw new AppError("NOT_FOUND", "Release not found");
  const after = streamCursor(req.headers.get("last-event-id"), query.after);
  const audience = !isShareCaller(caller) && (canManage(caller) || caller.role === "approver") ? "full" : "stakeholder";
  return releaseStream(params.id, after, audience, req.signal);
});
