// POST, GET, DELETE /api/releases/:id/share - make a read-only timeline link, list links, revoke all of them (manager, admin)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZReleaseParams } from "@/lib/schemas/release";
import { ZCreateShare, ZShareLinkCreated, ZShareLinkList, ZShareLinksRevoked } from "@/lib/schemas/share";
import { createShareLink } from "@/lib/share/create-share-link";
import { listShareLinks, revokeShareLinks } from "@/lib/share/revoke-share-links";
import { publicBaseUrl } from "@/lib/share/public-url";

export const POST = route(
  { roles: MANAGERS, params: ZReleaseParams, body: ZCreateShare, bodyOptional: true, status: 201, response: ZShareLinkCreated },
  ({ req, params, body, caller }) => createShareLink(params.id, body, caller, publicBaseUrl(req)),
);

export const GET = route({ roles: MANAGERS, params: ZReleaseParams, response: ZShareLinkList }, ({ params }) => listShareLinks(params.id));

export const DELETE = route({ roles: MANAGERS, params: ZReleaseParams, response: ZShareLinksRevoked }, ({ params, caller }) =>
  revokeShareLinks(params.id, caller),
);
