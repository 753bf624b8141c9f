"use client";

import { useState } from "react";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import { NotesSections } from "@/components/notes-sections";
import { Button } from "@/components/ui/button";
import type { TemplateEdit } from "@/lib/client/use-template-edit";
import type { TNoteSections } from "@/lib/schemas/notes";

type Props = { notes: TNoteSections; editable: boolean; busy: boolean; edit: TemplateEdit };

/** The release notes every new release of the template starts with; Markdown with a preview, like a release's own. */
export function TemplateNotes({ notes, editable, busy, edit }: Props) {
  const [draft, setDraft] = useState<TNoteSections | null>(null);
  const [preview, setPreview] = useState(false);
  useUnsavedChanges(draft !== null && JSON.stringify(draft) !== JSON.stringify(notes));
  const close = () => {
    setDraft(null);
    setPreview(false);
  };
  const empty = Object.values(notes).every((v) => !v.trim());
  return (
    <section aria-labelledby="template-notes-heading" className="mt-8">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="template-notes-heading" className="mr-auto text-lg font-semibold">
          Default release notes
        </h2>
        {editable && !draft && (
          <Button type="button" variant="secondary" onClick={() => setDraft(notes)}>
            Edit notes
          </Button>
        )}
        {draft && (
          <>
            <Button type="button" variant="secondary" onClick={() => setPreview((p) => !p)}>
              {preview ? "Edit" : "Preview"}
            </Button>
            <Button type="button" onClick={() => edit({ method: "PUT", path: "/notes", body: { sections: draft } }, { onSuccess: close })} disabled={busy}>
              Save notes
            </Button>
            <Button type="button" variant="secondary" onClick={close}>
              Cancel
            </Button>
          </>
        )}
      </div>
      <p className="mt-1 text-sm text-slate-500">New releases of this template start with these notes; releases that exist keep theirs.</p>
      {!draft && empty ? (
        <p className="mt-2 text-sm text-slate-600">No default notes.</p>
      ) : (
        <NotesSections sections={draft ?? notes} editing={!!draft && !preview} onChange={setDraft} idPrefix="template-notes" headingLevel="h3" />
      )}
    </section>
  );
}
