// GET /api/notifications/channels/:id/deliveries - the channel's delivery log, newest first (admin)
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZChannelParams, ZDeliveriesQuery, ZDeliveryList } from "@/lib/schemas/notification";
import { listDeliveries } from "@/lib/notifications/list-deliveries";

export const GET = route({ roles: ADMINS, params: ZChannelParams, query: ZDeliveriesQuery, response: ZDeliveryList }, ({ params, query }) =>
  listDeliveries(params.id, query.limit),
);
