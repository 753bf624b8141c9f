// POST /api/calendar/token - a new personal calendar feed link (the previous one stops working) (signed in)
import { route } from "@/lib/api/route";
import { ZCalendarLink } from "@/lib/schemas/calendar";
import { SIGNED_IN } from "@/lib/auth/roles";
import { rotateCalendarToken } from "@/lib/calendar/calendar-token";
import { publicBaseUrl } from "@/lib/share/public-url";

export const POST = route({ roles: SIGNED_IN, status: 201, response: ZCalendarLink }, ({ req, caller }) => rotateCalendarToken(caller, publicBaseUrl(req)));
