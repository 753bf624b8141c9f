"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { freezeKeys } from "@/lib/client/use-decisions";
import type { TFreezeView as FreezeView } from "@/lib/schemas/freeze";

/** The body of POST /api/freezes as the browser sends it (times as ISO strings with their offset). */
export type NewFreeze =
  | { kind: "one_off"; environment: string; reason: string; startsAt: string; endsAt: string }
  | {
      kind: "recurring";
      environment: string;
      reason: string;
      recurrence: { startDay: number; startTime: string; endDay: number; endTime: string; timeZone: string };
    };

export function useFreezes() {
  return useQuery({ queryKey: freezeKeys.all, queryFn: () => apiFetch<{ freezes: FreezeView[] }>("/api/freezes") });
}

/** Any change to a freeze window: every freeze query (this page, the release pages' lists) refetches after it. */
function useFreezeMutation<T, R = unknown>(request: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => queryClient.invalidateQueries({ queryKey: freezeKeys.all }) });
}

export const useCreateFreeze = () => useFreezeMutation((body: NewFreeze) => apiFetch<FreezeView>("/api/freezes", { method: "POST", json: body }));

export const useDeleteFreeze = () => useFreezeMutation((id: string) => apiFetch(`/api/freezes/${encodeURIComponent(id)}`, { method: "DELETE" }));
