"use client";

import { formatDateTime } from "@/lib/client/format";

/** A date in the reader's locale and zone; the server's first paint may differ, so hydration takes the client's. */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  return (
    <time dateTime={iso} className={className} suppressHydrationWarning>
      {formatDateTime(iso)}
    </time>
  );
}
