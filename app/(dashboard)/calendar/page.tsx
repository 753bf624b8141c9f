import type { Metadata } from "next";
import { CalendarFeedControl } from "@/components/calendar-feed-control";
import { ReleaseCalendar } from "@/components/release-calendar";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { startOfUtcWeek } from "@/lib/calendar/weeks";
import { releaseCalendar } from "@/lib/calendar/release-calendar";

export const metadata: Metadata = { title: "Calendar" };
export const dynamic = "force-dynamic";

const WEEKS = 8;

export default async function CalendarPage() {
  await requirePageCaller("/calendar");
  const from = new Date(startOfUtcWeek(new Date()).getTime() - 7 * 86_400_000);
  const to = new Date(from.getTime() + WEEKS * 7 * 86_400_000);
  const calendar = await releaseCalendar(from, to);
  return (
    <div>
      <div className="flex flex-wrap items-end gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">Calendar</h1>
        <CalendarFeedControl />
      </div>
      <p className="mt-1 text-sm text-slate-500">T-0s, go/no-go meetings, release-train departures and freeze windows, last week and the next {WEEKS - 1}.</p>
      <ReleaseCalendar calendar={calendar} />
    </div>
  );
}
