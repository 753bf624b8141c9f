"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiError } from "@/lib/client/api";
import { releaseKeys } from "@/lib/client/query-keys";
import type { TReleasePlanView as ReleasePlanView } from "@/lib/schemas/release-plan";

/** The release's own plan with its commands: for approvers and managers only (the server refuses viewers). */
export function useReleasePlan(releaseId: string, enabled = true) {
  return useQuery({ queryKey: releaseKeys.plan(releaseId), queryFn: () => apiFetch<ReleasePlanView>(`/api/releases/${releaseId}/plan`), enabled });
}

type Edit = { method: "POST" | "PATCH" | "DELETE"; path: string; body?: Record<string, unknown> };

/**
 * Edits of the release's plan carry the digest of the plan the page shows (the release's version of a template's
 * `version`): a 409 means the plan changed meanwhile; it is reloaded and the user redoes the change.
 */
export function useReleasePlanEdit(releaseId: string, planDigest: string | undefined) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: ({ method, path, body }: Edit) =>
      apiFetch<{ stale?: string[] }>(`/api/releases/${releaseId}${path}${method === "DELETE" ? `?planDigest=${planDigest}` : ""}`, {
        method,
        ...(method === "DELETE" ? {} : { json: { ...body, planDigest } }),
      }),
    onSuccess: (res) =>
      setMessage(res?.stale?.length ? `Saved. ${res.stale.join(" and ")} gave a go to the earlier plan; they are asked to look again.` : null),
    onError: (err) =>
      setMessage(err instanceof ApiError && err.status === 409 ? `${err.message}. The plan has been reloaded; please redo your change.` : err.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: releaseKeys.detail(releaseId) }),
  });
  return { edit: mutation.mutate, busy: mutation.isPending, message, dismiss: () => setMessage(null) };
}
