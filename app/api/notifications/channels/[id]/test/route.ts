// POST /api/notifications/channels/:id/test - queue a test message to the channel (admin) -> 202 { deliveryId }
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZChannelParams, ZTestDelivery } from "@/lib/schemas/notification";
import { sendTestMessage } from "@/lib/notifications/send-test-message";

export const POST = route({ roles: ADMINS, params: ZChannelParams, status: 202, response: ZTestDelivery }, ({ params }) => sendTestMessage(params.id));
