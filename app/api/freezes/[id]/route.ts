// DELETE /api/freezes/:id - remove a freeze window (admin)
import { route } from "@/lib/api/route";
import { ZFreezeDeleted, ZFreezeParams } from "@/lib/schemas/freeze";
import { deleteFreeze } from "@/lib/freezes/delete-freeze";

export const DELETE = route({ roles: ["admin"], params: ZFreezeParams, response: ZFreezeDeleted }, ({ params, caller }) => deleteFreeze(params.id, caller));
