import type { Tone } from "@/components/ui/badge";

/** Badge colours of run statuses, shared by the release page and the timeline. */
export const RUN_TONE: Record<string, Tone> = {
  queued: "slate",
  running: "indigo",
  succeeded: "green",
  failed: "red",
  cancelled: "slate",
  "needs-attention": "amber",
};
