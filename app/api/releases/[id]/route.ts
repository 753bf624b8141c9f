// GET, PATCH /api/releases/:id - the whole plan with live checklist state (signed in; ETag / If-None-Match -> 304); move T-0 or hand it to another manager (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS, SIGNED_IN } from "@/lib/auth/roles";
import { ZReleaseDetail } from "@/lib/schemas/release-detail";
import { ZPatchRelease, ZReleaseParams } from "@/lib/schemas/release";
import { assignManager } from "@/lib/releases/assign-manager";
import { getReleaseFresh } from "@/lib/releases/release-cache";
import { rescheduleRelease } from "@/lib/releases/reschedule-release";

export const GET = route({ roles: SIGNED_IN, params: ZReleaseParams, response: ZReleaseDetail }, async ({ params, req }) => {
  const copy = await getReleaseFresh(params.id);
  const headers = { ETag: copy.etag, "Cache-Control": "private, no-cache" };
  if (req.headers.get("if-none-match") === copy.etag) return new Response(null, { status: 304, headers });
  return new Response(copy.body, { headers: { ...headers, "Content-Type": "application/json" } });
});

export const PATCH = route({ roles: MANAGERS, params: ZReleaseParams, body: ZPatchRelease, response: ZReleaseDetail }, ({ params, body, caller }) =>
  "managerId" in body ? assignManager(params.id, body, caller) : rescheduleRelease(params.id, body, caller),
);
