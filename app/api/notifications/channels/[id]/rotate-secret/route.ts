// POST /api/notifications/channels/:id/rotate-secret - a new signing secret for a JSON channel, shown once; the old one signs too for 24 h (admin)
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZChannelParams, ZRotatedSecret } from "@/lib/schemas/notification";
import { rotateChannelSecret } from "@/lib/notifications/rotate-channel-secret";

export const POST = route({ roles: ADMINS, params: ZChannelParams, response: ZRotatedSecret }, ({ params }) => rotateChannelSecret(params.id));
