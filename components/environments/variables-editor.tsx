"use client";

import { Button } from "@/components/ui/button";

export type VariableDraft = { name: string; value: string };

export const fromVariables = (variables: Record<string, string>): VariableDraft[] => Object.entries(variables).map(([name, value]) => ({ name, value }));

/** Rows with an empty name are dropped; the server checks names and says which one is wrong. */
export const toVariables = (rows: VariableDraft[]): Record<string, string> =>
  Object.fromEntries(rows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value]));

/** Name = value rows, as the commands of a run see them ($NAME). Plain text: put credentials in secrets instead. */
export function VariablesEditor({ value, onChange, idPrefix }: { value: VariableDraft[]; onChange: (rows: VariableDraft[]) => void; idPrefix: string }) {
  const set = (i: number, row: Partial<VariableDraft>) => onChange(value.map((r, j) => (j === i ? { ...r, ...row } : r)));
  return (
    <fieldset className="text-sm">
      <legend className="font-medium">Variables</legend>
      {!value.length && <p className="mt-1 text-xs text-slate-500">None. Commands get these as environment variables; use secrets for anything sensitive.</p>}
      <ul className="mt-1 space-y-2">
        {value.map((row, i) => (
          <li key={i} className="flex flex-wrap items-end gap-2">
            <label className="text-xs">
              Variable name
              <input
                id={`${idPrefix}-var-${i}-name`}
                value={row.name}
                onChange={(e) => set(i, { name: e.target.value.toUpperCase() })}
                placeholder="API_URL"
                pattern="[A-Z_][A-Z0-9_]*"
                title="Upper-case letters, digits and underscore, not starting with a digit"
                className="mt-1 block w-48 rounded border border-slate-300 px-2 py-1 font-mono"
              />
            </label>
            <label className="text-xs">
              Value
              <input
                value={row.value}
                onChange={(e) => set(i, { value: e.target.value })}
                className="mt-1 block w-72 rounded border border-slate-300 px-2 py-1 font-mono"
              />
            </label>
            <Button
              type="button"
              variant="secondary"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={`Remove variable ${row.name || i + 1}`}
            >
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <Button type="button" variant="secondary" className="mt-2" onClick={() => onChange([...value, { name: "", value: "" }])}>
        Add variable
      </Button>
    </fieldset>
  );
}
