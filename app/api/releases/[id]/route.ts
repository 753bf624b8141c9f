// GET /api/releases/:id - the whole plan with live checklist state (signed in); ETag / If-None-Match -> 304
import { route } from "@/lib/api/route";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { getReleaseFresh } from "@/lib/server/releases/release-cache";

export const GET = route({ roles: SIGNED_IN, params: ZReleaseParams }, async ({ params, req }) => {
  const copy = await getReleaseFresh(params.id);
  const headers = { ETag: copy.etag, "Cache-Control": "private, no-cache" };
  if (req.headers.get("if-none-match") === copy.etag) return new Response(null, { status: 304, headers });
  return new Response(copy.json, { headers: { ...headers, "Content-Type": "application/json" } });
});
