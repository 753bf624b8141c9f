"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { NotesSections } from "@/components/notes-sections";
import { Button } from "@/components/ui/button";
import { ApiError, apiFetch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import { notesMarkdown, type TNoteSections } from "@/lib/schemas/notes";
import type { TNotesView as NotesView, TSavedNotes } from "@/lib/schemas/notes";

const notesKeys = { detail: (releaseId: string) => ["notes", releaseId] as const };

/**
 * The release notes by section: Markdown with a preview for managers, rendered for everyone else. A save sends the
 * version it started from; a 409 keeps the draft on screen, says what Reload will do (replace it with theirs) and
 * offers to copy it first. Unsaved text is guarded against leaving the page.
 */
export function ReleaseNotesEditor({ releaseId, canEdit }: { releaseId: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const { data, error } = useQuery({ queryKey: notesKeys.detail(releaseId), queryFn: () => apiFetch<NotesView>(`/api/releases/${releaseId}/notes`) });
  const [draft, setDraft] = useState<TNoteSections | null>(null);
  const [preview, setPreview] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  useUnsavedChanges(draft !== null);
  const save = useMutation({
    mutationFn: (sections: TNoteSections) =>
      apiFetch<TSavedNotes>(`/api/releases/${releaseId}/notes`, { method: "PUT", json: { sections, version: data!.version } }),
    onSuccess: (saved) => {
      queryClient.setQueryData<NotesView>(notesKeys.detail(releaseId), (old) => (old ? { ...old, ...saved } : old));
      setDraft(null);
      setConflict(false);
      setMessage(`Saved (version ${saved.version}).`);
    },
    onError: (err) => {
      const isConflict = err instanceof ApiError && err.status === 409;
      setConflict(isConflict);
      setMessage(
        isConflict ? "Someone saved a newer version. Your text is still here: copy it, then Reload to see theirs (your text will be replaced)." : err.message,
      );
    },
  });

  if (error)
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not load the notes: {error.message}
      </p>
    );
  if (!data) return <p className="text-sm text-slate-500">Loading the notes…</p>;
  const sections = draft ?? data.sections;

  async function copyDraft() {
    await navigator.clipboard.writeText(notesMarkdown(`${data!.release.name} ${data!.release.version}`, sections));
    setMessage("Your text is copied. Reload to see their version (your text on the page will be replaced), then paste what you need.");
  }

  async function reloadTheirs() {
    await queryClient.invalidateQueries({ queryKey: notesKeys.detail(releaseId) });
    setDraft(null);
    setConflict(false);
    setMessage("Showing the newest saved version.");
  }

  return (
    <article>
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="mr-auto text-2xl font-semibold tracking-tight">
          Release notes{" "}
          <span className="text-slate-500">
            {data.release.name} {data.release.version}
          </span>
        </h1>
        <a href={`/api/releases/${releaseId}/notes.md`} className="text-sm text-indigo-700 hover:underline" download>
          Download Markdown
        </a>
        {canEdit && (
          <>
            <Button variant="secondary" onClick={() => setPreview((p) => !p)}>
              {preview ? "Edit" : "Preview"}
            </Button>
            <Button onClick={() => save.mutate(sections)} disabled={!draft || save.isPending}>
              Save
            </Button>
          </>
        )}
      </header>
      <p className="mt-1 text-xs text-slate-500">
        {data.updatedAt
          ? `Version ${data.version}, saved ${formatDateTime(data.updatedAt)} by ${data.updatedBy ?? "someone"}.`
          : "Not saved yet: these are the template's defaults."}{" "}
        Markdown; shown on the timeline.
      </p>
      {message && (
        <div role="status" className="mt-3 rounded-md bg-slate-100 px-3 py-2 text-sm">
          {message}
          {conflict && (
            <span className="mt-2 flex flex-wrap gap-2">
              <Button variant="secondary" onClick={copyDraft}>
                Copy my text
              </Button>
              <Button variant="danger" onClick={reloadTheirs}>
                Reload (replace my text)
              </Button>
            </span>
          )}
        </div>
      )}
      <NotesSections sections={sections} editing={canEdit && !preview} onChange={setDraft} idPrefix="notes" />
    </article>
  );
}
