// PATCH /api/releases/:id/items/:itemId - tick or untick a checklist item (release manager)
import { route } from "@/lib/api/route";
import { MANAGERS } from "@/lib/auth/roles";
import { ZReleaseItemParams, ZTickedItem, ZTickItem } from "@/lib/schemas/release";
import { tickItem } from "@/lib/releases/tick-item";

export const PATCH = route({ roles: MANAGERS, scope: "tick", params: ZReleaseItemParams, body: ZTickItem, response: ZTickedItem }, ({ params, body, caller }) =>
  tickItem(params.id, params.itemId, body, caller),
);
