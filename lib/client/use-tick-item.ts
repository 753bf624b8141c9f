"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch, ApiError } from "@/lib/client/api";
import { releaseKeys } from "@/lib/client/query-keys";
import type { TReleaseItemView, TReleaseView } from "@/lib/schemas/release";

type TickResult = Pick<TReleaseItemView, "id" | "checked" | "checkedBy" | "checkedAt" | "note" | "version">;
type TickVars = { itemId: string; checked: boolean; version: number; early?: true };

function patchItem(release: TReleaseView, itemId: string, patch: Partial<TReleaseItemView>): TReleaseView {
  const phases = release.phases.map((p) => ({ ...p, items: p.items.map((i) => (i.id === itemId ? { ...i, ...patch } : i)) }));
  const items = phases.flatMap((p) => p.items);
  return { ...release, phases, progress: { checked: items.filter((i) => i.checked).length, total: items.length } };
}

/** Ticks optimistically; the server's answer is folded back in, and a 409 rolls the item back. */
export function useTickItem(releaseId: string, onConflict: (message: string) => void) {
  const queryClient = useQueryClient();
  const key = releaseKeys.detail(releaseId);
  return useMutation({
    mutationFn: ({ itemId, checked, version, early }: TickVars) =>
      apiFetch<TickResult>(`/api/releases/${releaseId}/items/${itemId}`, { method: "PATCH", json: { checked, version, ...(early ? { early } : {}) } }),
    onMutate: async ({ itemId, checked }) => {
      // Show the tick at once; a refetch already on its way is dropped (not reverted), so it cannot undo it.
      const previous = queryClient.getQueryData<TReleaseView>(key);
      if (previous) queryClient.setQueryData(key, patchItem(previous, itemId, { checked }));
      await queryClient.cancelQueries({ queryKey: key }, { revert: false });
      return { previous };
    },
    onSuccess: (result) => {
      queryClient.setQueryData<TReleaseView>(key, (r) => (r ? patchItem(r, result.id, result) : r));
      void queryClient.invalidateQueries({ queryKey: releaseKeys.list() });
    },
    onError: (err, _vars, ctx) => {
      if (ctx?.previous) queryClient.setQueryData(key, ctx.previous);
      onConflict(err instanceof ApiError ? err.message : "Could not save the change; try again.");
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
