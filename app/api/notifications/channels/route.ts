// GET, POST /api/notifications/channels - list webhook channels, add one (admin); a JSON channel's signing secret is returned once
import { route } from "@/lib/api/route";
import { ADMINS } from "@/lib/auth/roles";
import { ZChannelAnswer, ZChannelList, ZCreateChannel } from "@/lib/schemas/notification";
import { createChannel } from "@/lib/notifications/create-channel";
import { listChannels } from "@/lib/notifications/list-channels";

export const GET = route({ roles: ADMINS, response: ZChannelList }, () => listChannels());

export const POST = route({ roles: ADMINS, body: ZCreateChannel, status: 201, response: ZChannelAnswer }, ({ body, caller }) => createChannel(body, caller));
