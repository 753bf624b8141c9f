// DELETE /api/notifications/subscriptions/:id - stop telling a channel about those events (admin)
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZNotificationDeleted, ZSubscriptionParams } from "@/lib/schemas/notification";
import { deleteSubscription } from "@/lib/notifications/delete-subscription";

export const DELETE = route({ roles: ADMINS, params: ZSubscriptionParams, response: ZNotificationDeleted }, ({ params }) => deleteSubscription(params.id));
