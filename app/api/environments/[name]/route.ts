// PATCH, DELETE /api/environments/:name - move it, replace its variables, change its protection; delete it (admin)
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZEnvironmentDeleted, ZEnvironmentParams, ZEnvironmentView, ZUpdateEnvironment } from "@/lib/schemas/environment";
import { deleteEnvironment } from "@/lib/environments/delete-environment";
import { updateEnvironment } from "@/lib/environments/update-environment";

export const PATCH = route({ roles: ADMINS, params: ZEnvironmentParams, body: ZUpdateEnvironment, response: ZEnvironmentView }, ({ params, body, caller }) =>
  updateEnvironment(params.name, body, caller),
);

export const DELETE = route({ roles: ADMINS, params: ZEnvironmentParams, response: ZEnvironmentDeleted }, ({ params, caller }) =>
  deleteEnvironment(params.name, caller),
);
