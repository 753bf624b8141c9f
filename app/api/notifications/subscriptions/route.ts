// GET, POST /api/notifications/subscriptions - list (?channelId=) or add what a channel is told about (admin)
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZCreateSubscription, ZSubscriptionAnswer, ZSubscriptionList, ZSubscriptionsQuery } from "@/lib/schemas/notification";
import { createSubscription } from "@/lib/notifications/create-subscription";
import { listSubscriptions } from "@/lib/notifications/list-subscriptions";

export const GET = route({ roles: ADMINS, query: ZSubscriptionsQuery, response: ZSubscriptionList }, ({ query }) => listSubscriptions(query.channelId));

export const POST = route({ roles: ADMINS, body: ZCreateSubscription, status: 201, response: ZSubscriptionAnswer }, ({ body }) => createSubscription(body));
