// PUT, DELETE /api/environments/:name/secrets/:key - set or replace a secret, write-only; remove it (admin); 204
import { route } from "@/lib/api/route";
import { noContent } from "@/lib/api/answers";
import { ADMINS } from "@/lib/auth/roles";
import { ZSecretParams, ZSetSecret } from "@/lib/schemas/environment";
import { deleteSecret } from "@/lib/environments/delete-secret";
import { setSecret } from "@/lib/environments/set-secret";

const empty = () => new Response(null, { status: 204 });

export const PUT = route(
  { roles: ADMINS, params: ZSecretParams, body: ZSetSecret, maxBodyBytes: 64 * 1024, response: noContent("Stored; the value is never shown again") },
  ({ params, body, caller }) => setSecret(params.name, params.key, body.value, caller).then(empty),
);

export const DELETE = route({ roles: ADMINS, params: ZSecretParams, response: noContent("Removed") }, ({ params, caller }) =>
  deleteSecret(params.name, params.key, caller).then(empty),
);
