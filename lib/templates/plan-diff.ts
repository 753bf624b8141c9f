import { matchLists } from "@/lib/templates/match-lists";
import type { PlanDraft } from "@/lib/templates/runbook-draft";

// Re-import onto a template: what changed between the runbook it was imported from (old) and the changed runbook
// (next), and that change applied onto the template as it is now (current), so what was edited in Countdown and
// not changed in the runbook stays. Phases with their items and procedures with their steps are both "groups" of
// "entries": a group is matched by its name, an entry by its text (match-lists.ts), both by position too.

export type Fields = Record<string, unknown>;
export type Entry = { id?: string; fields: Fields };
export type Group = { id?: string; head: Fields; entries: Entry[] };
export type Change = "added" | "removed" | "changed" | "same";
export type EntryDiff = { change: Change; old: Entry | null; next: Entry | null };
export type GroupDiff = { change: Change; old: Group | null; next: Group | null; entries: EntryDiff[] };
type Keys = { group: string; entry: string };

export const PHASE_KEYS: Keys = { group: "title", entry: "text" };
export const PROCEDURE_KEYS: Keys = { group: "name", entry: "text" };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const text = (fields: Fields, key: string) => String(fields[key] ?? "");

/** Pairs of two lists of groups (or of entries), by their names (texts) and positions. */
function pairUp<T>(old: T[], next: T[], name: (t: T) => string): { old: T | null; next: T | null }[] {
  return matchLists(old.map(name), next.map(name)).map((p) => ({ old: p.old === null ? null : old[p.old], next: p.next === null ? null : next[p.next] }));
}

function change(old: unknown, next: unknown): Change {
  if (old === null) return "added";
  if (next === null) return "removed";
  return same(old, next) ? "same" : "changed";
}

export function diffGroups(old: Group[], next: Group[], keys: Keys): GroupDiff[] {
  return pairUp(old, next, (g) => text(g.head, keys.group)).map((pair) => {
    const entries = pairUp(pair.old?.entries ?? [], pair.next?.entries ?? [], (e) => text(e.fields, keys.entry)).map((e) => ({
      change: change(e.old?.fields ?? null, e.next?.fields ?? null),
      old: e.old,
      next: e.next,
    }));
    const headChange = change(pair.old?.head ?? null, pair.next?.head ?? null);
    const anyEntry = entries.some((e) => e.change !== "same");
    return { change: headChange === "same" && anyEntry ? "changed" : headChange, old: pair.old, next: pair.next, entries };
  });
}

/** The current value of each field, except where the runbook changed it: then the runbook's new value. */
function threeWay(old: Fields, next: Fields, current: Fields): Fields {
  const merged: Fields = { ...current };
  for (const key of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (!same(old[key], next[key])) {
      if (next[key] === undefined) delete merged[key];
      else merged[key] = next[key];
    }
  }
  return merged;
}

/** Inserts `value` after `anchor` (at the start when no anchor); returns the value as the next anchor. */
function insertAfter<T>(list: T[], anchor: T | null, value: T): T {
  list.splice(anchor === null ? 0 : list.indexOf(anchor) + 1, 0, value);
  return value;
}

/**
 * The diff (old -> next) applied onto `current`: the old import's groups and entries are found in the current
 * template by the same matching; an entry the runbook did not change stays as it is now (edits kept), a changed one
 * takes the runbook's changed fields, removed ones go, added ones are placed after their predecessor. What was
 * deleted in Countdown stays deleted, unless the runbook adds it anew.
 */
export function applyDiff(diff: GroupDiff[], current: Group[], keys: Keys): Group[] {
  const old = diff.flatMap((d) => (d.old ? [d.old] : []));
  const groupOf = new Map<Group, Group>();
  const entryOf = new Map<Entry, Entry>();
  for (const pair of pairUp(old, current, (g) => text(g.head, keys.group))) {
    if (!pair.old || !pair.next) continue;
    groupOf.set(pair.old, pair.next);
    for (const e of pairUp(pair.old.entries, pair.next.entries, (x) => text(x.fields, keys.entry))) if (e.old && e.next) entryOf.set(e.old, e.next);
  }
  const result: Group[] = current.map((g) => ({ ...g, entries: [...g.entries] }));
  const resultOf = new Map<Group, Group>(current.map((g, i) => [g, result[i]]));
  const matched = new Set<Fields>([...groupOf.values()].map((g) => g.head));
  for (const e of entryOf.values()) matched.add(e.fields);
  // What the runbook adds may be there already, added in Countdown (the runbook was downloaded after): not twice.
  const unmatched = <T>(list: T[], fields: (t: T) => Fields, key: string, value: Fields) =>
    list.find((x) => !matched.has(fields(x)) && text(fields(x), key) === text(value, key));
  let groupAnchor: Group | null = null;
  for (const d of diff) {
    let target = d.old ? resultOf.get(groupOf.get(d.old)!) : undefined;
    if (d.change === "added" && d.next) {
      target = unmatched(result, (g) => g.head, keys.group, d.next.head);
      if (!target) {
        groupAnchor = insertAfter(result, groupAnchor, { head: d.next.head, entries: d.next.entries.map((e) => ({ fields: e.fields })) });
        continue;
      }
      matched.add(target.head);
    }
    if (!target) continue; // deleted in Countdown: stays deleted
    if (d.change === "removed") {
      result.splice(result.indexOf(target), 1);
      continue;
    }
    if (d.old && d.next) target.head = threeWay(d.old.head, d.next.head, target.head);
    groupAnchor = target;
    let entryAnchor: Entry | null = null;
    for (const e of d.entries) {
      const counterpart = e.old ? entryOf.get(e.old) : undefined;
      if (e.change === "added" && e.next) {
        const there = unmatched(target.entries, (x) => x.fields, keys.entry, e.next.fields);
        if (there) matched.add(there.fields);
        entryAnchor = there ?? insertAfter(target.entries, entryAnchor, { fields: e.next.fields });
      } else if (counterpart && e.change === "removed") {
        target.entries.splice(target.entries.indexOf(counterpart), 1);
      } else if (counterpart) {
        const merged = { id: counterpart.id, fields: threeWay(e.old!.fields, e.next!.fields, counterpart.fields) };
        target.entries[target.entries.indexOf(counterpart)] = merged;
        entryAnchor = merged;
      }
    }
  }
  return result;
}

type PhaseLike = { id?: string; title: string; offsetMinutes: number | null; items: (PlanDraft["phases"][number]["items"][number] & { id?: string })[] };

export function phaseGroups(phases: PhaseLike[]): Group[] {
  return phases.map((p) => ({
    id: p.id,
    head: { title: p.title, offsetMinutes: p.offsetMinutes },
    entries: p.items.map((i) => ({ id: i.id, fields: { text: i.text, details: i.details ?? null, required: i.required, ownerRole: i.ownerRole } })),
  }));
}

export function procedureGroups(
  procedures: { id?: string; name: string; kind: string; steps: ({ id?: string; kind: string; text: string } & Fields)[] }[],
): Group[] {
  return procedures.map((p) => ({
    id: p.id,
    head: { name: p.name, kind: p.kind },
    entries: p.steps.map(({ id, ...step }) => ({ id, fields: step })),
  }));
}
