"use client";

import { useSyncExternalStore } from "react";
import { formatDateTime, formatMoment, formatUtc } from "@/lib/client/format";

const never = () => () => {};

/** False while the server renders and while the page hydrates, true after: the server cannot know the viewer's zone. */
export function useInBrowser(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}

/** The viewer's IANA time zone in the browser; "UTC" while the server renders and the page hydrates. */
export function useViewerTimeZone(): string {
  return useInBrowser() ? Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC" : "UTC";
}

type Props = { iso: string; className?: string; testId?: string; /** "7:17 PM EST" today, with the date on other days. */ short?: boolean };

/**
 * Every date and time on a page: in the viewer's time zone with the zone named ("Dec 5, 2026, 11:48 AM EST"), the
 * same moment in UTC on hover. The server's paint says UTC (its zone is not the viewer's); the browser then
 * re-renders it in the viewer's zone.
 */
export function Moment({ iso, className, testId, short = false }: Props) {
  const inBrowser = useInBrowser();
  const text = !inBrowser ? formatUtc(iso) : short ? formatMoment(iso) : formatDateTime(iso);
  return (
    <time dateTime={iso} title={formatUtc(iso)} className={className} data-testid={testId}>
      {text}
    </time>
  );
}
