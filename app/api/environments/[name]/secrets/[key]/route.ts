// PUT, DELETE /api/environments/:name/secrets/:key - set or replace a secret, write-only; remove it (admin); 204
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZSecretParams, ZSetSecret } from "@/lib/schemas/environment";
import { deleteSecret } from "@/lib/environments/delete-secret";
import { setSecret } from "@/lib/environments/set-secret";

const noContent = () => new Response(null, { status: 204 });

export const PUT = route({ roles: ADMINS, params: ZSecretParams, body: ZSetSecret, maxBodyBytes: 64 * 1024 }, ({ params, body, caller }) =>
  setSecret(params.name, params.key, body.value, caller).then(noContent),
);

export const DELETE = route({ roles: ADMINS, params: ZSecretParams }, ({ params, caller }) => deleteSecret(params.name, params.key, caller).then(noContent));
