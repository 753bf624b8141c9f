"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import type { ProcedureView } from "@/components/template-procedures";
import { useEnvironments } from "@/lib/client/use-environments";
import type { TemplateEdit } from "@/lib/client/use-template-edit";

// The template's deploy pipelines (per environment: the procedures a deploy there runs, in order, as one run) and its
// default promotion path. Reordering is by buttons, so it works from the keyboard; every change sends the whole
// pipeline with the template's version (PUT /api/templates/:id/pipelines/:environment).

const DEFAULT = "*";
const small = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-40";
const field = "rounded-md border border-slate-300 px-2 py-1 text-sm";

type Props = { procedures: ProcedureView[]; defaultPath: string[]; editable: boolean; busy: boolean; edit: TemplateEdit };

const pipelineName = (environment: string) => (environment === DEFAULT ? "Default (any environment without its own)" : environment);

/** The environments that have a pipeline, in the default path's order first; the default pipeline last. */
function pipelinesOf(procedures: ProcedureView[], defaultPath: string[]): Map<string, ProcedureView[]> {
  const bound = procedures.filter((p) => p.environment || (p.pipelinePosition ?? null) !== null);
  const names = [...new Set([...defaultPath, ...bound.map((p) => p.environment ?? DEFAULT)])].sort(
    (a, b) => Number(a === DEFAULT) - Number(b === DEFAULT) || order(defaultPath, a) - order(defaultPath, b),
  );
  return new Map(
    names.map((name) => [name, bound.filter((p) => (p.environment ?? DEFAULT) === name).sort((a, b) => (a.pipelinePosition ?? 0) - (b.pipelinePosition ?? 0))]),
  );
}

const order = (path: string[], name: string) => (path.includes(name) ? path.indexOf(name) : path.length);

export function TemplatePipelines({ procedures, defaultPath, editable, busy, edit }: Props) {
  const pipelines = pipelinesOf(procedures, defaultPath);
  const [extra, setExtra] = useState<string[]>([]);
  for (const name of extra) if (!pipelines.has(name)) pipelines.set(name, []);
  const put = (environment: string, list: ProcedureView[]) =>
    edit({ method: "PUT", path: `/pipelines/${encodeURIComponent(environment)}`, body: { procedureIds: list.map((p) => p.id) } });

  return (
    <section aria-labelledby="pipelines-heading">
      <h2 id="pipelines-heading" className="mt-8 text-lg font-semibold">
        Deploy pipelines
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Deploying to an environment runs its pipeline, in this order, as one run (a pipeline ending with a smoke or verify procedure verifies its own deploy).
        Procedures in no pipeline run alone, in whichever environment is chosen.
      </p>
      <DefaultPath
        path={defaultPath}
        editable={editable}
        busy={busy}
        onSave={(environments) => edit({ method: "PUT", path: "/environments", body: { environments } })}
      />
      {pipelines.size === 0 && <p className="mt-3 text-sm text-slate-500">No pipelines: a deploy runs the first deploy procedure.</p>}
      <div className="mt-3 space-y-4">
        {[...pipelines].map(([environment, list]) => (
          <section key={environment} aria-label={`Pipeline of ${pipelineName(environment)}`} className="rounded-lg border border-slate-200 bg-white">
            <h3 className="border-b border-slate-100 bg-slate-50 px-4 py-2 font-medium">{pipelineName(environment)}</h3>
            <ol className="divide-y divide-slate-100 text-sm" data-testid="pipeline-procedures">
              {list.length === 0 && <li className="px-4 py-2 text-xs text-slate-500">Empty: add a procedure.</li>}
              {list.map((p, i) => (
                <li key={p.id} className="flex items-center gap-2 px-4 py-2">
                  <span className="w-6 text-slate-500">{i + 1}.</span>
                  <span className="min-w-0 flex-1 break-words">{p.name}</span>
                  <Badge tone="slate">{p.kind}</Badge>
                  {editable && (
                    <span className="flex gap-1">
                      <button
                        type="button"
                        className={small}
                        disabled={busy || i === 0}
                        aria-label={`Move ${p.name} up`}
                        onClick={() => put(environment, swap(list, i, i - 1))}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className={small}
                        disabled={busy || i === list.length - 1}
                        aria-label={`Move ${p.name} down`}
                        onClick={() => put(environment, swap(list, i, i + 1))}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className={small}
                        disabled={busy}
                        aria-label={`Remove ${p.name} from the pipeline`}
                        onClick={() =>
                          put(
                            environment,
                            list.filter((x) => x.id !== p.id),
                          )
                        }
                      >
                        Remove
                      </button>
                    </span>
                  )}
                </li>
              ))}
            </ol>
            {editable && (
              <AddToPipeline
                environment={environment}
                candidates={procedures.filter((p) => !list.includes(p))}
                busy={busy}
                onAdd={(p) => put(environment, [...list, p])}
              />
            )}
          </section>
        ))}
      </div>
      {editable && <NewPipeline taken={[...pipelines.keys()]} onAdd={(name) => setExtra((e) => [...e, name])} />}
    </section>
  );
}

function swap<T>(list: T[], i: number, j: number): T[] {
  const out = [...list];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

function AddToPipeline({
  environment,
  candidates,
  busy,
  onAdd,
}: {
  environment: string;
  candidates: ProcedureView[];
  busy: boolean;
  onAdd: (p: ProcedureView) => void;
}) {
  const [chosen, setChosen] = useState("");
  if (candidates.length === 0) return null;
  const label = `Procedure to add to the pipeline of ${pipelineName(environment)}`;
  return (
    <form
      className="flex flex-wrap items-center gap-2 border-t border-slate-100 px-4 py-2"
      onSubmit={(e) => {
        e.preventDefault();
        const p = candidates.find((c) => c.id === chosen);
        if (p) onAdd(p);
        setChosen("");
      }}
    >
      <select aria-label={label} className={field} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">Choose a procedure…</option>
        {candidates.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({p.kind}
            {p.environment ? `, now in ${p.environment}` : ""})
          </option>
        ))}
      </select>
      <button type="submit" className={small} disabled={busy || chosen === ""}>
        Add to pipeline
      </button>
    </form>
  );
}

/** Starts an empty pipeline for an environment (it is saved once a procedure is added). */
function NewPipeline({ taken, onAdd }: { taken: string[]; onAdd: (name: string) => void }) {
  const { data } = useEnvironments();
  const [chosen, setChosen] = useState("");
  const options = [...(data?.environments.map((e) => e.name) ?? []), DEFAULT].filter((n) => !taken.includes(n));
  if (options.length === 0) return null;
  return (
    <form
      className="mt-3 flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) onAdd(chosen);
        setChosen("");
      }}
    >
      <select aria-label="Environment for a new pipeline" className={field} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">Add a pipeline for…</option>
        {options.map((n) => (
          <option key={n} value={n}>
            {pipelineName(n)}
          </option>
        ))}
      </select>
      <button type="submit" className={small} disabled={chosen === ""}>
        Add pipeline
      </button>
    </form>
  );
}

function DefaultPath({ path, editable, busy, onSave }: { path: string[]; editable: boolean; busy: boolean; onSave: (environments: string[]) => void }) {
  const [text, setText] = useState(path.join(", "));
  return (
    <div className="mt-3 text-sm">
      <p data-testid="default-path">
        Default promotion path: {path.length ? <strong>{path.join(" → ")}</strong> : <span className="text-slate-500">none (each release names its own)</span>}
      </p>
      {editable && (
        <form
          className="mt-2 flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            onSave(
              text
                .split(/[,→>\s]+/)
                .map((s) => s.trim())
                .filter(Boolean),
            );
          }}
        >
          <label className="flex items-center gap-2">
            <span>Default path</span>
            <input className={field} value={text} onChange={(e) => setText(e.target.value)} placeholder="staging, production" />
          </label>
          <button type="submit" className={small} disabled={busy}>
            Save default path
          </button>
        </form>
      )}
    </div>
  );
}
