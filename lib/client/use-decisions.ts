"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { releaseKeys } from "@/lib/client/query-keys";

export const decisionKeys = {
  all: ["decisions"] as const,
  waiting: () => [...decisionKeys.all, "waiting"] as const,
};

export const freezeKeys = {
  all: ["freezes"] as const,
  environment: (environment: string) => [...freezeKeys.all, environment] as const,
};

type Vars =
  | { action: "decide"; decision: "go" | "no-go"; comment: string }
  | { action: "withdraw" }
  | { action: "override"; decisionId: string; reason: string }
  | { action: "deploy"; environment?: string; reason?: string };

function call(releaseId: string, v: Vars) {
  switch (v.action) {
    case "decide":
      return apiFetch(`/api/releases/${releaseId}/decisions`, { method: "POST", json: { decision: v.decision, comment: v.comment || null } });
    case "withdraw":
      return apiFetch(`/api/releases/${releaseId}/decisions/mine`, { method: "DELETE" });
    case "override":
      return apiFetch(`/api/releases/${releaseId}/decisions/${v.decisionId}/override`, { method: "POST", json: { reason: v.reason } });
    case "deploy":
      return apiFetch(`/api/releases/${releaseId}/runs`, {
        method: "POST",
        json: { procedure: "deploy", ...(v.environment ? { environment: v.environment } : {}), ...(v.reason ? { override: { reason: v.reason } } : {}) },
      });
  }
}

/** Votes, withdrawals, overrides and deploys from the readiness panel; each refreshes the release and the waiting list. */
export function useReleaseAction(releaseId: string, onDone: (error: string | null) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: Vars) => call(releaseId, v),
    onSuccess: () => onDone(null),
    onError: (err) => onDone(err.message),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: releaseKeys.detail(releaseId) });
      void queryClient.invalidateQueries({ queryKey: decisionKeys.waiting() });
    },
  });
}
