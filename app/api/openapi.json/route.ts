// GET /api/openapi.json - the API reference as OpenAPI 3.1, generated from the routes' schemas (signed in)
import { route } from "@/lib/api/route";
import { ZOpenApiDocument } from "@/lib/schemas/openapi";
import { openApiDocument } from "@/lib/api/openapi";
import { SIGNED_IN } from "@/lib/auth/roles";
import { routeModules } from "./route-modules";

// next-auth's own endpoints (sign-in, session, CSRF) are not wrapper routes; listed so every route file has a path.
const NEXT_AUTH = {
  "/api/auth/{nextauth}": {
    get: { summary: "next-auth: session, CSRF token, providers, sign-out page", responses: { "200": { description: "next-auth's answer" } } },
    post: { summary: "next-auth: sign in with email and password, sign out", responses: { "200": { description: "next-auth's answer" } } },
  },
};

export const GET = route({ roles: SIGNED_IN, summary: "This document", response: ZOpenApiDocument }, async () => {
  const document = openApiDocument([...routeModules, { path: "/api/openapi.json", module: { GET } }]);
  return { ...document, paths: { ...document.paths, ...NEXT_AUTH } };
});
