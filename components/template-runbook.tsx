"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { InlineMarkdown } from "@/components/markdown";
import { apiFetch } from "@/lib/client/api";
import { templateKeys } from "@/lib/client/query-keys";
import type { TReimportAnswer, TReimportGroup } from "@/lib/schemas/template-import";

// The template as a runbook file: Download as Markdown (everyone who reads it) and, for managers, Update from
// runbook: a changed runbook's diff (added / removed / changed, per phase and procedure) before the confirm.

const TONE = { added: "text-emerald-800", removed: "text-rose-800 line-through", changed: "text-amber-900" } as const;
const SIGN = { added: "+", removed: "−", changed: "~" } as const;

export function TemplateRunbook({ templateId, canManage }: { templateId: string; canManage: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="mt-3 flex flex-wrap items-start gap-3">
      <a
        href={`/api/templates/${templateId}/export.md`}
        download
        className="inline-flex items-center justify-center rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50"
      >
        Download as Markdown
      </a>
      {canManage && !open && (
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          Update from runbook
        </Button>
      )}
      {canManage && open && <UpdateFromRunbook templateId={templateId} onClose={() => setOpen(false)} />}
    </div>
  );
}

function UpdateFromRunbook({ templateId, onClose }: { templateId: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [markdown, setMarkdown] = useState("");
  const send = (query: string) =>
    apiFetch<TReimportAnswer>(`/api/templates/${templateId}/import${query}`, {
      method: "POST",
      headers: { "Content-Type": "text/markdown; charset=utf-8" },
      body: markdown,
    });
  const preview = useMutation({ mutationFn: () => send("") });
  const apply = useMutation({
    mutationFn: (version: number) => send(`?confirm=true&version=${version}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: templateKeys.all }),
  });
  const diff = preview.data;
  const error = preview.error ?? apply.error;

  if (apply.data) {
    return (
      <p role="status" className="w-full rounded-md bg-emerald-50 px-4 py-2 text-sm text-emerald-900">
        Updated from the runbook. Edits made here that the runbook did not change were kept.{" "}
        <button type="button" className="underline" onClick={onClose}>
          Close
        </button>
      </p>
    );
  }
  return (
    <section aria-label="Update from runbook" className="w-full max-w-3xl space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <label className="block text-sm font-medium">
        Changed runbook (Markdown file)
        <input
          type="file"
          accept=".md,.markdown,.txt,text/markdown,text/plain"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file) setMarkdown(await file.text());
            preview.reset();
          }}
          className="mt-1 block text-sm"
        />
      </label>
      <label className="block text-sm font-medium">
        Or paste it
        <textarea
          value={markdown}
          onChange={(e) => {
            setMarkdown(e.target.value);
            preview.reset();
          }}
          rows={8}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
        />
      </label>
      {error && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error.message}
        </p>
      )}
      {diff && <ReimportDiff diff={diff} />}
      <div className="flex gap-3">
        {!diff ? (
          <Button type="button" disabled={!markdown.trim() || preview.isPending} onClick={() => preview.mutate()}>
            {preview.isPending ? "Comparing…" : "Show changes"}
          </Button>
        ) : (
          <Button
            type="button"
            disabled={apply.isPending || diff.counts.added + diff.counts.removed + diff.counts.changed === 0}
            onClick={() => apply.mutate(diff.version)}
          >
            {apply.isPending ? "Applying…" : "Apply changes"}
          </Button>
        )}
        <Button type="button" variant="secondary" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </section>
  );
}

function ReimportDiff({ diff }: { diff: TReimportAnswer }) {
  const { added, removed, changed } = diff.counts;
  const extras = [diff.thresholdsChanged && "thresholds", diff.remindersChanged && "communication plan"].filter(Boolean);
  return (
    <div data-testid="reimport-diff" className="space-y-3 text-sm">
      <p role="status">
        {added + removed + changed === 0 ? "The runbook changes nothing in this template." : `${added} added, ${removed} removed, ${changed} changed.`}
        {extras.length > 0 && ` The runbook's ${extras.join(" and ")} replace the template's.`}
        {diff.basis === "template" && " (This template keeps no runbook from an import: the runbook is compared with the template as it is.)"}
      </p>
      {diff.groups.map((group, i) => (
        <DiffGroup key={i} group={group} />
      ))}
    </div>
  );
}

function DiffGroup({ group }: { group: TReimportGroup }) {
  return (
    <section className="rounded-md border border-slate-200" aria-label={`${group.kind} ${group.name}`}>
      <h4 className={`border-b border-slate-100 bg-slate-50 px-3 py-1.5 font-medium ${group.change === "changed" ? "" : TONE[group.change]}`}>
        {group.kind === "phase" ? "Phase" : "Procedure"} {group.name}
        {group.change !== "changed" && <span className="ml-2 text-xs font-normal">({group.change})</span>}
        {group.change === "changed" && group.fields.length > 0 && (
          <span className="ml-2 text-xs font-normal text-amber-900">
            ({group.before ? `was ${group.before}; ` : ""}
            {group.fields.join(", ")} changed)
          </span>
        )}
      </h4>
      <ul className="divide-y divide-slate-100">
        {group.entries.map((entry, i) => (
          <li key={i} className={`flex gap-2 px-3 py-1.5 ${TONE[entry.change]}`} data-change={entry.change}>
            <span aria-hidden="true">{SIGN[entry.change]}</span>
            <span className="sr-only">{entry.change}: </span>
            <span>
              <InlineMarkdown text={entry.text} />
              {entry.change === "changed" && (
                <span className="ml-2 text-xs text-slate-500">{entry.before !== null ? `was “${entry.before}”` : `${entry.fields.join(", ")} changed`}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
