"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiError } from "@/lib/client/api";
import { templateKeys } from "@/lib/client/query-keys";

type Edit = { method: "POST" | "PATCH" | "PUT" | "DELETE"; path: string; body?: Record<string, unknown> };

/**
 * Template edits carry the version the page shows; the server bumps it. A 409 means someone else edited
 * meanwhile: we say so and reload the template, and the user redoes the change on the fresh version.
 */
export function useTemplateEdit(templateId: string, version: number) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: ({ method, path, body }: Edit) =>
      apiFetch(`/api/templates/${templateId}${path}${method === "DELETE" ? `?version=${version}` : ""}`, {
        method,
        ...(method === "DELETE" ? {} : { json: { ...body, version } }),
      }),
    onSuccess: () => setMessage(null),
    onError: (err) =>
      setMessage(
        err instanceof ApiError && err.status === 409 ? "Someone else changed this template; it has been reloaded. Please redo your change." : err.message,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: templateKeys.detail(templateId) }),
  });
  return { edit: mutation.mutate, busy: mutation.isPending, message, dismiss: () => setMessage(null) };
}

export type TemplateEdit = ReturnType<typeof useTemplateEdit>["edit"];
