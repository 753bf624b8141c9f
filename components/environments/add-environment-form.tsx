"use client";

import { useState } from "react";
import { VariablesEditor, type VariableDraft, toVariables } from "@/components/environments/variables-editor";
import { Button } from "@/components/ui/button";
import { useCreateEnvironment } from "@/lib/client/use-environments";

/** Adds an environment at the end of the order, with its variables; secrets and protection are set on its card. */
export function AddEnvironmentForm() {
  const [name, setName] = useState("");
  const [variables, setVariables] = useState<VariableDraft[]>([]);
  const create = useCreateEnvironment();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="add-environment">
      <h2 id="add-environment" className="font-medium">
        Add an environment
      </h2>
      <form
        className="mt-3 space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { name: name.trim(), variables: toVariables(variables) },
            {
              onSuccess: () => {
                setName("");
                setVariables([]);
              },
            },
          );
        }}
      >
        <label className="block max-w-sm text-sm">
          Environment name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={60}
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]*"
            title="Letters, digits, dot, dash and underscore"
            placeholder="staging"
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        <VariablesEditor value={variables} onChange={setVariables} idPrefix="new-environment" />
        <Button type="submit" disabled={create.isPending}>
          Add environment
        </Button>
      </form>
      {create.error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {create.error.message}
        </p>
      )}
    </section>
  );
}
