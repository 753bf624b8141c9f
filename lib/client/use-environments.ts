"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { TEnvironmentView, TProtection, TVariables } from "@/lib/schemas/environment";
import type { TEnvironmentAudit } from "@/lib/schemas/environment";

export type EnvironmentRow = TEnvironmentView;
export type EnvironmentAuditRow = TEnvironmentAudit["events"][number];

export const environmentKeys = {
  all: ["environments"] as const,
  list: () => [...environmentKeys.all, "list"] as const,
  audit: () => [...environmentKeys.all, "audit"] as const,
};

const path = (name: string) => `/api/environments/${encodeURIComponent(name)}`;

export function useEnvironments() {
  return useQuery({ queryKey: environmentKeys.list(), queryFn: () => apiFetch<{ environments: EnvironmentRow[] }>("/api/environments") });
}

export function useEnvironmentAudit() {
  return useQuery({ queryKey: environmentKeys.audit(), queryFn: () => apiFetch<{ events: EnvironmentAuditRow[] }>("/api/audit/environments?limit=50") });
}

/** Any change to an environment: refetch the list and the audit log afterwards (the server's answer is the truth). */
function useEnvironmentMutation<T, R = unknown>(request: (input: T) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => queryClient.invalidateQueries({ queryKey: environmentKeys.all }) });
}

export type NewEnvironment = { name: string; variables?: TVariables; protection?: Partial<TProtection> };
export type EnvironmentChange = { position?: number; variables?: TVariables; protection?: Partial<TProtection> };

export const useCreateEnvironment = () =>
  useEnvironmentMutation((body: NewEnvironment) => apiFetch<EnvironmentRow>("/api/environments", { method: "POST", json: body }));

export const useUpdateEnvironment = (name: string) =>
  useEnvironmentMutation((body: EnvironmentChange) => apiFetch<EnvironmentRow>(path(name), { method: "PATCH", json: body }));

export const useDeleteEnvironment = (name: string) => useEnvironmentMutation(() => apiFetch(path(name), { method: "DELETE" }));

/** Write-only: the value goes to the server and nowhere else (not into the query cache, not into any answer). */
export const useSetSecret = (name: string) =>
  useEnvironmentMutation(({ key, value }: { key: string; value: string }) =>
    apiFetch(`${path(name)}/secrets/${encodeURIComponent(key)}`, { method: "PUT", json: { value } }),
  );

export const useDeleteSecret = (name: string) =>
  useEnvironmentMutation((key: string) => apiFetch(`${path(name)}/secrets/${encodeURIComponent(key)}`, { method: "DELETE" }));
