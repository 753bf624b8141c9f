"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/client/format";
import { useDeleteSecret, useSetSecret, type EnvironmentRow } from "@/lib/client/use-environments";

const MIN_LENGTH = 6;

/**
 * Secrets are write-only: the page lists their names and when each was last set, and offers "Set" for a new one and
 * "Replace" for an existing one. A value typed here is sent once and cleared; nothing ever shows it again.
 */
export function SecretsEditor({ environment }: { environment: EnvironmentRow }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const set = useSetSecret(environment.name);
  const remove = useDeleteSecret(environment.name);
  const replacing = environment.secrets.some((s) => s.name === key);
  const failure = set.error ?? remove.error;
  const keyId = `secret-key-${environment.name}`;

  const startReplacing = (name: string) => {
    setKey(name);
    setValue("");
    document.getElementById(`${keyId}-value`)?.focus();
  };

  const submit = (k: string, v: string) => {
    setNote(null);
    set.mutate(
      { key: k, value: v },
      {
        onSuccess: () => {
          setNote(`${k} ${replacing ? "replaced" : "set"}. Runs started from now on get it.`);
          // Drop the mutation's record of what was sent (it holds the value) instead of keeping it until it expires.
          set.reset();
        },
        // The value leaves the form either way: it is never kept in the page.
        onSettled: () => setValue(""),
      },
    );
  };

  return (
    <div className="text-sm">
      <h3 className="font-medium">Secrets</h3>
      {environment.secrets.length ? (
        <ul className="mt-1 divide-y divide-slate-100" aria-label={`Secrets of ${environment.name}`}>
          {environment.secrets.map((s) => (
            <li key={s.name} className="flex flex-wrap items-center gap-2 py-1.5" data-testid="secret">
              <code className="font-mono">{s.name}</code>
              <span className="text-xs text-slate-500">set {formatDateTime(s.updatedAt)}</span>
              <span className="ml-auto flex gap-2">
                <Button
                  type="button"
                  variant="secondary"
                  className="px-2 py-1"
                  onClick={() => startReplacing(s.name)}
                  aria-label={`Replace the secret ${s.name}`}
                >
                  Replace
                </Button>
                <Button
                  type="button"
                  variant="secondary"
                  className="px-2 py-1"
                  onClick={() => remove.mutate(s.name)}
                  disabled={remove.isPending}
                  aria-label={`Remove the secret ${s.name}`}
                >
                  Remove
                </Button>
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-xs text-slate-500">None. A secret reaches commands as $NAME and is masked in all output.</p>
      )}
      <form
        className="mt-2 flex flex-wrap items-end gap-2"
        aria-label={`Set a secret of ${environment.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          submit(key.trim(), value);
        }}
      >
        <label className="text-xs">
          Secret name
          <input
            id={keyId}
            value={key}
            onChange={(e) => setKey(e.target.value.toUpperCase())}
            required
            placeholder="DEPLOY_TOKEN"
            autoComplete="off"
            className="mt-1 block w-44 rounded border border-slate-300 px-2 py-1 font-mono"
          />
        </label>
        <label className="text-xs">
          Secret value
          <input
            id={`${keyId}-value`}
            type="password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            required
            minLength={MIN_LENGTH}
            autoComplete="new-password"
            className="mt-1 block w-56 rounded border border-slate-300 px-2 py-1 font-mono"
          />
        </label>
        <Button type="submit" disabled={set.isPending}>
          {replacing ? "Replace secret" : "Set secret"}
        </Button>
      </form>
      <p className="mt-1 text-xs text-slate-500">At least {MIN_LENGTH} characters: shorter values cannot be masked safely.</p>
      {note && (
        <p role="status" className="mt-1 text-xs text-emerald-800">
          {note}
        </p>
      )}
      {failure && (
        <p role="alert" className="mt-1 text-sm text-rose-700">
          {failure.message}
        </p>
      )}
    </div>
  );
}
