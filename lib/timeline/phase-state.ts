// The state of a phase on the timeline, from its due time, its checklist and the clock. Shared by the server
// (first paint, JSON) and the browser (which recomputes it as time passes).
export type PhaseState = "upcoming" | "active" | "overdue" | "done";

export type PhaseClock = { dueAt: string | null; progress: { checked: number; total: number } };

/**
 * done: every item ticked (a phase without items is done once due). overdue: due and not done. active: the first
 * phase that is neither (in plan order), or an undated phase someone has started. Everything else is upcoming.
 */
export function phaseStates(phases: PhaseClock[], now: number): PhaseState[] {
  let activeTaken = false;
  return phases.map((p) => {
    const due = p.dueAt ? new Date(p.dueAt).getTime() : null;
    const complete = p.progress.total > 0 ? p.progress.checked === p.progress.total : due !== null && due <= now;
    if (complete) return "done";
    if (due !== null && due <= now) return "overdue";
    if (due === null) return p.progress.checked > 0 ? "active" : "upcoming";
    if (!activeTaken) {
      activeTaken = true;
      return "active";
    }
    return "upcoming";
  });
}
