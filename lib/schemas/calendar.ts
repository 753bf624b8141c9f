// What the API answers about calendar feeds.
import { z } from "zod";
import { ZFreezeView } from "@/lib/schemas/freeze";
import { ZReleaseFacts } from "@/lib/schemas/release";

/** POST /api/calendar/token: the personal feed's URL and its token (the previous one stops working). */
export const ZCalendarLink = z.object({ url: z.string(), token: z.string() }).strict();
export type TCalendarLink = z.output<typeof ZCalendarLink>;

/** The calendar page's window: releases with their go/no-go meeting, freeze windows, release-train departures. */
export const ZReleaseCalendar = z
  .object({
    from: z.string(),
    to: z.string(),
    releases: z.array(ZReleaseFacts.extend({ goNoGo: z.object({ title: z.string(), at: z.string() }).strict().nullable() })),
    freezes: z.array(ZFreezeView),
    trains: z.array(z.object({ templateId: z.uuid(), templateName: z.string(), at: z.string() }).strict()),
  })
  .strict();
export type TReleaseCalendar = z.output<typeof ZReleaseCalendar>;
