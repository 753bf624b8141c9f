import type { TReimportGroup } from "@/lib/schemas/template-import";
import type { Fields, Group } from "@/lib/templates/plan-diff";

// What a re-import does to the template, as the page shows it before the confirm: the template now (current) against
// the template after the diff is applied (merged, where kept rows keep their ids). Per phase or procedure, the items
// or steps added, removed, changed; a change the template already has (it was downloaded after an edit) is none.

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changedFields(old: Fields, next: Fields): string[] {
  return [...new Set([...Object.keys(old), ...Object.keys(next)])].filter((k) => !same(old[k], next[k]));
}

export function previewGroups(current: Group[], merged: Group[], kind: "phase" | "procedure", keys: { group: string; entry: string }): TReimportGroup[] {
  const name = (f: Fields, key: string) => String(f[key] ?? "");
  const byId = new Map(current.filter((g) => g.id).map((g) => [g.id!, g]));
  const kept = new Set(merged.map((g) => g.id));
  const groups: TReimportGroup[] = [];
  for (const group of merged) {
    const before = group.id ? byId.get(group.id) : undefined;
    if (!before) {
      const entries = group.entries.map((e) => ({ change: "added" as const, text: name(e.fields, keys.entry), before: null, fields: [] }));
      groups.push({ kind, change: "added", name: name(group.head, keys.group), before: null, fields: [], entries });
      continue;
    }
    const fields = changedFields(before.head, group.head);
    const entriesBefore = new Map(before.entries.filter((e) => e.id).map((e) => [e.id!, e]));
    const entries: TReimportGroup["entries"] = [];
    for (const entry of group.entries) {
      const was = entry.id ? entriesBefore.get(entry.id) : undefined;
      if (!was) entries.push({ change: "added", text: name(entry.fields, keys.entry), before: null, fields: [] });
      else {
        const changed = changedFields(was.fields, entry.fields);
        if (changed.length > 0) {
          const before = changed.includes(keys.entry) ? name(was.fields, keys.entry) : null;
          entries.push({ change: "changed", text: name(entry.fields, keys.entry), before, fields: changed });
        }
      }
    }
    const keptEntries = new Set(group.entries.map((e) => e.id));
    for (const e of before.entries) if (!keptEntries.has(e.id)) entries.push({ change: "removed", text: name(e.fields, keys.entry), before: null, fields: [] });
    if (fields.length > 0 || entries.length > 0) {
      groups.push({
        kind,
        change: "changed",
        name: name(group.head, keys.group),
        before: fields.includes(keys.group) ? name(before.head, keys.group) : null,
        fields,
        entries,
      });
    }
  }
  for (const group of current) {
    if (!kept.has(group.id)) {
      const entries = group.entries.map((e) => ({ change: "removed" as const, text: name(e.fields, keys.entry), before: null, fields: [] }));
      groups.push({ kind, change: "removed", name: name(group.head, keys.group), before: null, fields: [], entries });
    }
  }
  return groups;
}

export function previewCounts(groups: TReimportGroup[]) {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const group of groups) {
    for (const entry of group.entries) counts[entry.change]++;
    if (group.change !== "changed" && group.entries.length === 0) counts[group.change]++;
    if (group.change === "changed" && group.fields.length > 0) counts.changed++;
  }
  return counts;
}
