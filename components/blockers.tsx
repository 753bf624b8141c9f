"use client";

/** The blockers of a release, as the sentences the server wrote. */
export function Blockers({ blockers, id }: { blockers: string[]; id?: string }) {
  if (blockers.length === 0) return null;
  return (
    <div className="mt-4">
      <h3 className="text-sm font-medium text-slate-700">What blocks the deploy</h3>
      <ul id={id} data-testid="blockers" className="mt-1 list-disc space-y-1 pl-5 text-sm text-amber-900">
        {blockers.map((b) => (
          <li key={b}>{b}</li>
        ))}
      </ul>
    </div>
  );
}
