"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { templateKeys } from "@/lib/client/query-keys";
import type { TTemplateSummary as TemplateSummary } from "@/lib/schemas/template";

export function TemplateList() {
  const { data, error, isPending } = useQuery({ queryKey: templateKeys.list(), queryFn: () => apiFetch<{ templates: TemplateSummary[] }>("/api/templates") });
  if (isPending) return <p className="mt-6 text-sm text-slate-500">Loading templates…</p>;
  if (error)
    return (
      <p role="alert" className="mt-6 text-sm text-rose-700">
        Could not load templates: {error.message}
      </p>
    );
  if (data.templates.length === 0)
    return (
      <p className="mt-6 rounded-lg border border-dashed border-slate-300 p-8 text-center text-slate-500">No templates yet: import a runbook to get one.</p>
    );
  return (
    <ul className="mt-6 divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white">
      {data.templates.map((t) => (
        <li key={t.id}>
          <Link href={`/templates/${t.id}`} className="flex items-center gap-4 px-5 py-4 hover:bg-slate-50">
            <span className="min-w-0 flex-1 truncate font-medium">{t.name}</span>
            <span className="text-sm text-slate-500">
              {t.counts.phases} phases · {t.counts.checklistItems} items · {t.counts.procedures} procedures · {t.counts.releases} releases ·{" "}
              {formatDateTime(t.createdAt)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
