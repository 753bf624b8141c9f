// PATCH, DELETE /api/notifications/channels/:id - rename, enable / disable, change the URL of a channel; delete it (admin)
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZChannelAnswer, ZChannelParams, ZNotificationDeleted, ZUpdateChannel } from "@/lib/schemas/notification";
import { deleteChannel } from "@/lib/notifications/delete-channel";
import { updateChannel } from "@/lib/notifications/update-channel";

export const PATCH = route({ roles: ADMINS, params: ZChannelParams, body: ZUpdateChannel, response: ZChannelAnswer }, ({ params, body }) =>
  updateChannel(params.id, body),
);

export const DELETE = route({ roles: ADMINS, params: ZChannelParams, response: ZNotificationDeleted }, ({ params }) => deleteChannel(params.id));
