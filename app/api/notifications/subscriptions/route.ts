// GET, POST /api/notifications/subscriptions - list (?channelId=) or add what a channel is told about (admin)
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZCreateSubscription, ZSubscriptionsQuery } from "@/lib/schemas/notification";
import { createSubscription } from "@/lib/notifications/create-subscription";
import { listSubscriptions } from "@/lib/notifications/list-subscriptions";

export const GET = route({ roles: ADMINS, query: ZSubscriptionsQuery }, ({ query }) => listSubscriptions(query.channelId));

export const POST = route({ roles: ADMINS, body: ZCreateSubscription, status: 201 }, ({ body }) => createSubscription(body));
