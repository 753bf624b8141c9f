import { Markdown } from "@/components/markdown";
import { NOTE_SECTIONS } from "@/lib/schemas/notes";
import type { TTimeline as Timeline } from "@/lib/schemas/timeline";

/** The release notes, section by section; empty sections are left out. */
export function TimelineNotes({ notes }: { notes: Timeline["notes"] }) {
  const sections = notes ? NOTE_SECTIONS.filter((s) => notes.sections[s.key].trim()) : [];
  if (!sections.length) return null;
  return (
    <section aria-labelledby="notes-heading" className="mt-6" data-testid="timeline-notes">
      <h2 id="notes-heading" className="text-lg font-semibold">
        Release notes
      </h2>
      <div className="mt-3 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        {sections.map((s) => (
          <div key={s.key} className="break-inside-avoid">
            <h3 className="text-sm font-semibold uppercase tracking-wide text-slate-500">{s.title}</h3>
            <Markdown text={notes!.sections[s.key]} className="mt-1" />
          </div>
        ))}
      </div>
    </section>
  );
}
