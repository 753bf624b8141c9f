"use client";

import { formatDateTime, formatUtc } from "@/lib/client/format";

/**
 * Every date and time on a page: in the viewer's time zone with the zone named ("Dec 5, 2026, 11:48 AM EST"), the
 * same moment in UTC on hover. The server's first paint may be in another zone, so hydration takes the client's.
 */
export function Moment({ iso, className, testId }: { iso: string; className?: string; testId?: string }) {
  return (
    <time dateTime={iso} title={formatUtc(iso)} className={className} data-testid={testId} suppressHydrationWarning>
      {formatDateTime(iso)}
    </time>
  );
}
