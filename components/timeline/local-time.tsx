"use client";

import { Moment } from "@/components/ui/moment";

/** A date in the reader's zone, named, with UTC on hover (the one rule for time: components/ui/moment.tsx). */
export function LocalTime({ iso, className }: { iso: string; className?: string }) {
  return <Moment iso={iso} className={className} />;
}
