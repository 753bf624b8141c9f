"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch, ApiError } from "@/lib/client/api";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** `defaultPath`: the template's default promotion path, used when the environment field is left empty. */
export function CreateReleaseForm({ templateId, defaultPath = [] }: { templateId: string; defaultPath?: string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const create = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<{ id: string }>("/api/releases", { method: "POST", json: body }),
    onSuccess: (release) => router.push(`/releases/${release.id}`),
  });

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: string) => String(f.get(k) ?? "").trim();
    const local = text("scheduledAt");
    create.mutate({
      templateId,
      name: text("name"),
      version: text("version"),
      type: text("type"),
      // "staging, production" (or "staging -> production") is a promotion path; one name is a path of one.
      ...environmentsOf(text("environment")),
      scheduledAt: local ? new Date(local).toISOString() : "",
      ...(text("commitSha") && { commitSha: text("commitSha") }),
      ...(text("imageTag") && { imageTag: text("imageTag") }),
    });
  }

  if (!open) {
    return (
      <Button className="mt-4" onClick={() => setOpen(true)}>
        Create a release from this template
      </Button>
    );
  }
  const issues = create.error instanceof ApiError ? ((create.error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []) : [];
  return (
    <form onSubmit={onSubmit} className="mt-4 grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2" aria-label="New release">
      <label className="text-sm font-medium">
        Name
        <input name="name" required maxLength={200} className={field} />
      </label>
      <label className="text-sm font-medium">
        Version
        <input name="version" required maxLength={100} placeholder="2.4.0" className={field} />
      </label>
      <label className="text-sm font-medium">
        Type
        <select name="type" className={field} defaultValue="regular">
          <option value="regular">regular</option>
          <option value="hotfix">hotfix</option>
          <option value="emergency">emergency</option>
        </select>
      </label>
      <label className="text-sm font-medium">
        Environment (or a path: staging, production)
        <input
          name="environment"
          required={defaultPath.length === 0}
          defaultValue={defaultPath.length ? defaultPath.join(", ") : "production"}
          placeholder={defaultPath.length ? `empty: the template's path (${defaultPath.join(" → ")})` : undefined}
          className={field}
        />
      </label>
      <label className="text-sm font-medium">
        T-0 (your local time)
        <input name="scheduledAt" type="datetime-local" required className={field} />
      </label>
      <label className="text-sm font-medium">
        Commit SHA <span className="font-normal text-slate-500">(optional)</span>
        <input name="commitSha" className={field} />
      </label>
      <label className="text-sm font-medium">
        Image tag <span className="font-normal text-slate-500">(optional)</span>
        <input name="imageTag" className={field} />
      </label>
      {create.error && (
        <div role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800 sm:col-span-2">
          {create.error.message}
          {issues.length > 1 && (
            <ul className="mt-1 list-disc pl-5">
              {issues.map((i) => (
                <li key={i.path}>
                  {i.path}: {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="flex gap-2 sm:col-span-2">
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create release"}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function environmentsOf(value: string): { environment?: string } | { environments: string[] } {
  const names = value.split(/\s*(?:,|->|→)\s*/).filter(Boolean);
  // Left empty: the template's default path (the server's choice).
  if (names.length === 0) return {};
  return names.length > 1 ? { environments: names } : { environment: value };
}
