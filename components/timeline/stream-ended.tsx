"use client";

import type { TimelineStream } from "@/lib/client/use-timeline-stream";
import { Moment } from "@/components/ui/moment";

const WHY = {
  revoked: "This share link was revoked.",
  expired: "This share link expired.",
  disabled: "Your account was disabled.",
  "signed-out": "Your session ended.",
  gone: "The live updates ended.",
} as const;

const NEXT = {
  revoked: "Ask the release manager for a new link to follow the release.",
  expired: "Ask the release manager for a new link to follow the release.",
  disabled: "Ask an admin to re-enable it.",
  "signed-out": "Sign in again to follow the release.",
  gone: "Reload the page to follow the release again.",
} as const;

/** Says, above everything else, that the page stopped updating, when and why: what it shows may be out of date. */
export function StreamEnded({ ended }: { ended: NonNullable<TimelineStream["ended"]> }) {
  return (
    <div
      role="alert"
      className="mb-4 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950"
      data-testid="stream-ended"
      data-reason={ended.reason}
    >
      <strong>{WHY[ended.reason]}</strong> This page stopped updating at <Moment iso={ended.at} short />: what it shows may be out of date. {NEXT[ended.reason]}
    </div>
  );
}
