// GET /api/environments - environments with variables, secret names (never values) and protection (signed in); POST - add one (admin)
import { route } from "@/lib/api/route";
import { ADMINS, SIGNED_IN } from "@/lib/auth/roles";
import { ZCreateEnvironment, ZEnvironmentList, ZEnvironmentView } from "@/lib/schemas/environment";
import { createEnvironment } from "@/lib/environments/create-environment";
import { listEnvironments } from "@/lib/environments/list-environments";

export const GET = route({ roles: SIGNED_IN, response: ZEnvironmentList }, () => listEnvironments());

export const POST = route({ roles: ADMINS, body: ZCreateEnvironment, status: 201, response: ZEnvironmentView }, ({ body, caller }) =>
  createEnvironment(body, caller),
);
