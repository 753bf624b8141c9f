// GET /api/calendar.ics?token=... - the release calendar feed (T-0s and go/no-go meetings) for a personal calendar token
import { z } from "zod";
import { route } from "@/lib/api/route";
import { textAnswer } from "@/lib/api/answers";
import { calendarIcs } from "@/lib/calendar/calendar-ics";
import { userForCalendarToken } from "@/lib/calendar/calendar-token";
import { publicBaseUrl } from "@/lib/share/public-url";

export const dynamic = "force-dynamic";

// Calendar apps cannot send headers: the feed's own token, in the query, is its only credential.
const ZFeedQuery = z.object({ token: z.string().max(200).optional() }).strict();

export const GET = route({ roles: "public", query: ZFeedQuery, response: textAnswer("text/calendar", "the iCalendar feed") }, async ({ req, query }) => {
  await userForCalendarToken(query.token);
  return new Response(await calendarIcs(publicBaseUrl(req)), {
    headers: { "Content-Type": "text/calendar; charset=utf-8", "Content-Disposition": 'inline; filename="countdown.ics"', "Cache-Control": "no-store" },
  });
});
