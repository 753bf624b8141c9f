// GET /api/releases/:id/stream - Server-Sent Events of the release's history and live tail; honours Last-Event-ID (signed in or share token)
import { z } from "zod";
import { route } from "@/lib/api/route";
import { textAnswer } from "@/lib/api/answers";
import { clientAddress } from "@/lib/auth/client-address";
import { SIGNED_IN } from "@/lib/auth/roles";
import { isShareCaller } from "@/lib/auth/share-caller";
import { AppError } from "@/lib/errors";
import { ZReleaseParams } from "@/lib/schemas/release";
import { streamAudience } from "@/lib/access/read-policy";
import { streamCursor, ZStreamAfter } from "@/lib/schemas/stream-cursor";
import { lastSeq } from "@/lib/stream/read-release-log";
import { releaseStream } from "@/lib/stream/release-stream";
import { acquireShareStream, acquireUserStream, streamSettings } from "@/lib/stream/stream-limits";

export const dynamic = "force-dynamic";

const ZStreamQuery = z.object({ after: ZStreamAfter }).strict();

export const GET = route(
  {
    roles: SIGNED_IN,
    share: true,
    params: ZReleaseParams,
    query: ZStreamQuery,
    response: textAnswer("text/event-stream", "Server-Sent Events: the history after Last-Event-ID, then the live tail"),
  },
  async ({ req, params, query, caller }) => {
    const head = await lastSeq(params.id);
    if (head === null) throw new AppError("NOT_FOUND", "Release not found");
    const after = streamCursor(req.headers.get("last-event-id"), query.after);
    const settings = streamSettings();
    const share = isShareCaller(caller);
    const onClose = share ? acquireShareStream(clientAddress(req.headers), settings) : acquireUserStream(caller.id, settings);
    return releaseStream({
      releaseId: params.id,
      head,
      after,
      caller,
      // What the caller may read is decided in one place (read-policy.ts); the stream re-asks it on every re-check.
      audience: streamAudience(caller),
      recheckMs: settings.COUNTDOWN_STREAM_RECHECK_MS,
      heartbeatMs: settings.COUNTDOWN_STREAM_HEARTBEAT_MS,
      abort: req.signal,
      onClose,
    });
  },
);
