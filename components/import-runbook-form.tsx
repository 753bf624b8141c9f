"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { templateKeys } from "@/lib/client/query-keys";

type ImportResult = {
  template: { id: string; name: string };
  counts: { phases: number; checklistItems: number; procedures: number; steps: number };
  unplaced: { line: number; text: string; reason: string }[];
  /** Credentials the runbook had written out: replaced by `${name}`, their values not kept. */
  credentials: { name: string; line: number; where: string; message: string }[];
};

export function ImportRunbookForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [markdown, setMarkdown] = useState("");
  const [name, setName] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const imported = useMutation({
    mutationFn: () =>
      apiFetch<ImportResult>(`/api/templates/import${name.trim() ? `?name=${encodeURIComponent(name.trim())}` : ""}`, {
        method: "POST",
        headers: { "Content-Type": "text/markdown; charset=utf-8" },
        body: markdown,
      }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: templateKeys.all });
      // Secrets to add are said here, once: the template keeps only their names, in the steps that use them.
      if (result.credentials.length === 0) router.push(`/templates/${result.template.id}?imported=1`);
    },
  });

  async function onFile(file: File | undefined) {
    if (!file) return;
    setFileName(file.name);
    setMarkdown(await file.text());
    if (!name) setName(file.name.replace(/\.(md|markdown|txt)$/i, "").replace(/[-_]+/g, " "));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    imported.mutate();
  }

  const credentials = imported.data?.credentials ?? [];
  if (imported.data && credentials.length > 0) {
    return (
      <section role="status" className="mt-6 max-w-3xl space-y-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
        <p>
          Imported <strong>{imported.data.template.name}</strong>. The runbook had {credentials.length} credential{credentials.length === 1 ? "" : "s"} written
          out; the template keeps a reference instead of the value:
        </p>
        <ul className="list-disc pl-5">
          {credentials.map((c) => (
            <li key={c.name}>
              line {c.line}, {c.where}: {c.message.replace(/`/g, "")}
            </li>
          ))}
        </ul>
        <Button type="button" onClick={() => router.push(`/templates/${imported.data.template.id}?imported=1`)}>
          Open the template
        </Button>
      </section>
    );
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 max-w-3xl space-y-4">
      <label className="block text-sm font-medium">
        Markdown file
        <input type="file" accept=".md,.markdown,.txt,text/markdown,text/plain" onChange={(e) => onFile(e.target.files?.[0])} className="mt-1 block text-sm" />
      </label>
      <label className="block text-sm font-medium">
        Template name <span className="font-normal text-slate-500">(defaults to the runbook&apos;s title)</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={200}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
        />
      </label>
      <label className="block text-sm font-medium">
        Or paste the runbook {fileName && <span className="font-normal text-slate-500">(loaded from {fileName})</span>}
        <textarea
          value={markdown}
          onChange={(e) => setMarkdown(e.target.value)}
          rows={16}
          placeholder={"# Launch runbook\n\n## T-5 Days\n- [ ] Freeze the release branch"}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
        />
      </label>
      {imported.error && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {imported.error.message}
        </p>
      )}
      <Button type="submit" disabled={!markdown.trim() || imported.isPending}>
        {imported.isPending ? "Importing…" : "Import"}
      </Button>
    </form>
  );
}
