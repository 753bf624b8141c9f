"use client";

import { useMutation } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";

/** Makes the caller's personal ICS feed link (shown once; making a new one retires the old). */
export function CalendarFeedControl() {
  const feed = useMutation({ mutationFn: () => apiFetch<{ url: string }>("/api/calendar/token", { method: "POST" }) });
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {feed.data && (
        <input
          readOnly
          value={feed.data.url}
          aria-label="Calendar feed URL"
          className="w-80 max-w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
      <Button
        variant="secondary"
        onClick={() => window.confirm("Make a new calendar feed link? Your previous link stops working.") && feed.mutate()}
        disabled={feed.isPending}
      >
        {feed.data ? "New feed link" : "Subscribe in your calendar"}
      </Button>
      {feed.error && (
        <span role="alert" className="text-rose-700">
          {feed.error.message}
        </span>
      )}
    </div>
  );
}
