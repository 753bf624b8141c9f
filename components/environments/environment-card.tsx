"use client";

import { useState } from "react";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import { ProtectionForm } from "@/components/environments/protection-form";
import { RecentDeploys } from "@/components/environments/recent-deploys";
import { SecretsEditor } from "@/components/environments/secrets-editor";
import { VariablesEditor, fromVariables, toVariables } from "@/components/environments/variables-editor";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useDeleteEnvironment, useUpdateEnvironment, type EnvironmentRow } from "@/lib/client/use-environments";

/** One environment: its place in the order, variables, secrets (names only), protection and latest deploys. */
export function EnvironmentCard({ environment, index, count }: { environment: EnvironmentRow; index: number; count: number }) {
  const { name } = environment;
  const [confirming, setConfirming] = useState(false);
  const move = useUpdateEnvironment(name);
  const remove = useDeleteEnvironment(name);
  const headingId = `environment-${name}`;
  const failure = move.error ?? remove.error;

  return (
    <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby={headingId} data-testid="environment">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2">
        <span className="text-xs text-slate-500" aria-hidden>
          {index + 1}.
        </span>
        <h2 id={headingId} className="font-medium">
          {name}
        </h2>
        {environment.protection.requiredGoes === 0 && <Badge tone="green">no go/no-go needed</Badge>}
        {!!environment.protection.requiredGoes && <Badge tone="amber">{environment.protection.requiredGoes}+ gos</Badge>}
        {environment.protection.deployers.length === 1 && <Badge tone="indigo">{environment.protection.deployers[0]}s deploy</Badge>}
        <span className="ml-auto flex flex-wrap gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => move.mutate({ position: index - 1 })}
            disabled={index === 0 || move.isPending}
            aria-label={`Move ${name} up`}
          >
            ↑ Up
          </Button>
          <Button
            type="button"
            variant="secondary"
            onClick={() => move.mutate({ position: index + 1 })}
            disabled={index === count - 1 || move.isPending}
            aria-label={`Move ${name} down`}
          >
            ↓ Down
          </Button>
          <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        </span>
      </header>
      {failure && (
        <p role="alert" className="px-4 pt-3 text-sm text-rose-700">
          {failure.message}
        </p>
      )}
      <div className="grid gap-6 p-4 lg:grid-cols-2">
        <VariablesSection environment={environment} />
        <SecretsEditor environment={environment} />
        <ProtectionForm environment={environment} />
        <RecentDeploys environment={environment} />
      </div>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Delete the environment ${name}?`}>
        <p className="text-sm">Its variables and secrets go with it. Countdown refuses while an open release still targets it.</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)} autoFocus>
            Keep it
          </Button>
          <Button
            type="button"
            variant="danger"
            onClick={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}
            disabled={remove.isPending}
          >
            Delete environment
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

function VariablesSection({ environment }: { environment: EnvironmentRow }) {
  const [rows, setRows] = useState(() => fromVariables(environment.variables));
  const savedKey = JSON.stringify(environment.variables);
  const [seen, setSeen] = useState(savedKey);
  // The server's answer wins after a save or someone else's change: the draft restarts from the saved set when it moves.
  if (seen !== savedKey) {
    setSeen(savedKey);
    setRows(fromVariables(environment.variables));
  }
  const update = useUpdateEnvironment(environment.name);
  const dirty = JSON.stringify(toVariables(rows)) !== savedKey;
  useUnsavedChanges(dirty);
  return (
    <form
      aria-label={`Variables of ${environment.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ variables: toVariables(rows) });
      }}
    >
      <VariablesEditor value={rows} onChange={setRows} idPrefix={`env-${environment.name}`} />
      <div className="mt-2 flex items-center gap-2">
        <Button type="submit" disabled={!dirty || update.isPending}>
          Save variables
        </Button>
        {update.error && (
          <span role="alert" className="text-sm text-rose-700">
            {update.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
