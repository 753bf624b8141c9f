"use client";

import { Markdown } from "@/components/markdown";
import { NOTE_SECTIONS, type TNoteSections } from "@/lib/schemas/notes";

type Props = { sections: TNoteSections; editing: boolean; onChange: (next: TNoteSections) => void; idPrefix: string; headingLevel?: "h2" | "h3" };

/** The release-notes sections: Markdown textareas while editing, rendered Markdown otherwise (release and template notes). */
export function NotesSections({ sections, editing, onChange, idPrefix, headingLevel = "h2" }: Props) {
  const Heading = headingLevel;
  return (
    <div className="mt-4 space-y-4">
      {NOTE_SECTIONS.map((s) => (
        <section key={s.key} className="rounded-lg border border-slate-200 bg-white p-4">
          <Heading className="font-medium">
            <label htmlFor={`${idPrefix}-${s.key}`}>{s.title}</label>
          </Heading>
          {editing ? (
            <textarea
              id={`${idPrefix}-${s.key}`}
              value={sections[s.key]}
              onChange={(e) => onChange({ ...sections, [s.key]: e.target.value })}
              rows={Math.min(12, Math.max(3, sections[s.key].split("\n").length + 1))}
              className="mt-2 w-full rounded border border-slate-300 p-2 font-mono text-sm"
              placeholder="- Markdown list items, **bold**, `code`, [links](https://…)"
            />
          ) : sections[s.key].trim() ? (
            <Markdown text={sections[s.key]} className="mt-2" />
          ) : (
            <p className="mt-2 text-sm text-slate-600">Nothing here.</p>
          )}
        </section>
      ))}
    </div>
  );
}
