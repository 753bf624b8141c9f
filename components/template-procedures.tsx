"use client";

import { useState } from "react";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import { useHttpStepFields, type HttpExpect, type HttpRequest } from "@/components/http-step-fields";
import { Badge } from "@/components/ui/badge";
import { CanaryForm, type CanaryConfig } from "@/components/canary-form";
import { ProcedureKindSelect } from "@/components/template-plan-editor";
import type { WatchConfig } from "@/components/watch-fields";

export type StepConfig = {
  id: string;
  kind: string;
  text: string;
  command?: string;
  seconds?: number;
  request?: HttpRequest;
  expect?: HttpExpect;
} & CanaryConfig &
  Omit<WatchConfig, "source"> & { source?: WatchConfig["source"] };
/** `environment`, `pipelinePosition`: the deploy pipeline it is part of (template-pipelines.tsx). */
export type ProcedureView = { id: string; name: string; kind: string; environment?: string | null; pipelinePosition?: number | null; steps: StepConfig[] };
type Edit = (e: { method: "POST" | "PATCH" | "DELETE"; path: string; body?: Record<string, unknown> }) => void;

const small = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-40";

function describeExpect(e: StepConfig["expect"]): string {
  if (!e) return "";
  const parts = [
    e.status?.anyOf && `status ${e.status.anyOf.join(" or ")}`,
    e.status?.min !== undefined && `status ${e.status.min}–${e.status.max ?? 599}`,
    e.headerPresent?.length && `header ${e.headerPresent.join(", ")} present`,
    e.headerAbsent?.length && `header ${e.headerAbsent.join(", ")} absent`,
    e.bodyContains?.length && `body contains ${e.bodyContains.map((b) => `"${b}"`).join(", ")}`,
    e.jsonPath?.length && e.jsonPath.map((j) => `${j.path} = ${JSON.stringify(j.equals)}`).join(", "),
  ];
  return parts.filter(Boolean).join("; ");
}

/** The kind's own fields for a step that changes kind: what a new command / http / wait step starts with. */
function configFor(kind: string, step: StepConfig): Record<string, unknown> {
  if (kind === "command") return { command: step.command ?? (step.request ? `curl -fsS ${step.request.url}` : "true") };
  if (kind === "http")
    return {
      request: step.request ?? { method: "GET", url: "http://localhost/health", headers: {} },
      expect: step.expect ?? { status: { min: 200, max: 299 } },
    };
  if (kind === "wait") return { seconds: step.seconds ?? 60 };
  return {};
}

function StepEditor({ step, busy, edit, onDone }: { step: StepConfig; busy: boolean; edit: Edit; onDone: () => void }) {
  const [kind, setKind] = useState(step.kind);
  const [text, setText] = useState(step.text);
  const [command, setCommand] = useState(step.command ?? "");
  const http = useHttpStepFields(step.request, step.expect);
  const [seconds, setSeconds] = useState(String(step.seconds ?? 60));
  useUnsavedChanges(kind !== step.kind || text !== step.text || command !== (step.command ?? "") || seconds !== String(step.seconds ?? 60));
  function save() {
    const base = configFor(kind, step);
    const config =
      kind === "command" ? { command } : kind === "wait" ? { seconds: Number(seconds) } : kind === "http" ? (step.kind === "http" ? http.config() : base) : {};
    edit({ method: "PATCH", path: `/steps/${step.id}`, body: { kind, text, config } });
    onDone();
  }
  return (
    <div className="mt-2 space-y-2 rounded border border-slate-200 bg-slate-50 p-2 text-xs">
      <label className="block">
        Kind{" "}
        <select aria-label="Step kind" value={kind} onChange={(e) => setKind(e.target.value)} className="ml-1 rounded border border-slate-300 px-1">
          {["command", "http", "wait", "gate"].map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label className="block">
        Description{" "}
        <input
          aria-label="Step description"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
        />
      </label>
      {kind === "command" && (
        <label className="block">
          Command{" "}
          <textarea
            aria-label="Command"
            value={command}
            onChange={(e) => setCommand(e.target.value)}
            rows={3}
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono"
          />
        </label>
      )}
      {kind === "http" && step.kind === "http" && http.fields}
      {kind === "http" && step.kind !== "http" && (
        <p className="text-slate-600">
          Saved as a GET of {String((configFor(kind, step).request as HttpRequest).url)}; edit its request and expectations after saving.
        </p>
      )}
      {kind === "wait" && (
        <label className="block">
          Seconds{" "}
          <input
            aria-label="Seconds"
            type="number"
            min={0}
            value={seconds}
            onChange={(e) => setSeconds(e.target.value)}
            className="ml-1 w-24 rounded border border-slate-300 px-1"
          />
        </label>
      )}
      <div className="flex gap-2">
        <button type="button" className={small} disabled={busy} onClick={save}>
          Save step
        </button>
        <button type="button" className={small} onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function describeCanary(s: StepConfig): string {
  const stages = (s.stages ?? []).map((x) => `${x.weight} % (${x.bakeSec} s, ${x.promotion === "manual" ? "manual" : "auto"})`).join(" → ");
  const watch = s.watch?.healthy
    ? `; holds ${s.watch.text || "the metric"} ${s.watch.healthy.op} ${s.watch.healthy.value}${s.watch.unit ?? ""} during each bake`
    : "; no metric watched";
  return stages + watch;
}

/** Which watch steps of a procedure a canary can copy its metric from. */
function watchesOf(p: ProcedureView): { text: string; config: WatchConfig }[] {
  return p.steps.filter((s) => s.kind === "watch" && s.source).map((s) => ({ text: s.text, config: s }));
}

export function TemplateProcedures({
  procedures,
  editable,
  busy,
  edit,
  title = "Procedures",
  hint,
}: {
  procedures: ProcedureView[];
  editable: boolean;
  busy: boolean;
  edit: Edit;
  title?: string;
  hint?: string;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [addingCanary, setAddingCanary] = useState<string | null>(null);
  if (procedures.length === 0) return null;
  return (
    <>
      {title && <h2 className="mt-8 text-lg font-semibold">{title}</h2>}
      {hint && <p className="mt-1 text-sm text-slate-500">{hint}</p>}
      <div className="mt-3 space-y-4">
        {procedures.map((p) => (
          <section key={p.id} className="rounded-lg border border-slate-200 bg-white" data-testid="template-procedure">
            <h3 className="flex items-center gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2 font-medium">
              {p.name} <Badge tone={p.kind === "rollback" ? "red" : p.kind === "deploy" ? "indigo" : "slate"}>{p.kind}</Badge>
              {editable && <ProcedureKindSelect procedure={p} busy={busy} edit={edit} />}
            </h3>
            <ol className="divide-y divide-slate-100 text-sm">
              {p.steps.map((s, i) => (
                <li key={s.id} className="px-4 py-2" data-testid="template-step">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="text-xs text-slate-600">{i + 1}.</span>
                    <Badge>{s.kind}</Badge> <span className="min-w-0 flex-1">{s.text}</span>
                    {editable && (
                      <span className="flex gap-1">
                        <button
                          type="button"
                          className={small}
                          aria-label={`Move step ${i + 1} up`}
                          disabled={busy || i === 0}
                          onClick={() => edit({ method: "PATCH", path: `/steps/${s.id}`, body: { position: i - 1 } })}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          className={small}
                          aria-label={`Move step ${i + 1} down`}
                          disabled={busy || i === p.steps.length - 1}
                          onClick={() => edit({ method: "PATCH", path: `/steps/${s.id}`, body: { position: i + 1 } })}
                        >
                          ↓
                        </button>
                        <button type="button" className={small} disabled={busy} onClick={() => setEditing(s.id)}>
                          Edit
                        </button>
                        <button
                          type="button"
                          className={`${small} text-rose-700`}
                          disabled={busy}
                          onClick={() => window.confirm("Delete this step?") && edit({ method: "DELETE", path: `/steps/${s.id}` })}
                        >
                          Delete
                        </button>
                      </span>
                    )}
                  </div>
                  {s.kind === "command" && s.command && (
                    <pre
                      tabIndex={0}
                      role="group"
                      aria-label={`Step ${i + 1}: what it runs`}
                      className="mt-1 overflow-x-auto rounded bg-slate-950 p-2 font-mono text-xs text-slate-100"
                    >
                      {s.command}
                    </pre>
                  )}
                  {s.kind === "http" && s.request && (
                    <p className="mt-1 font-mono text-xs text-slate-600">
                      {s.request.method} {s.request.url}{" "}
                      <span className="font-sans text-slate-500">expects {describeExpect(s.expect) || "a 2xx/3xx answer"}</span>
                    </p>
                  )}
                  {s.kind === "wait" && <p className="mt-1 text-xs text-slate-500">waits {s.seconds} s</p>}
                  {s.kind === "watch" && s.healthy && (
                    <p className="mt-1 text-xs text-slate-500">
                      healthy while {s.healthy.op} {s.healthy.value}
                      {s.unit ?? ""} for {s.durationSec ?? 300} s
                      {s.releaseWindow
                        ? ` (${s.healthy.op} ${s.releaseWindow.value}${s.unit ?? ""} in the first ${s.releaseWindow.minutes} min after T-0)`
                        : ""}
                    </p>
                  )}
                  {s.kind === "canary" && (
                    <>
                      <p className="mt-1 text-xs text-slate-600" data-testid="template-canary">
                        {describeCanary(s)}
                      </p>
                      {s.weightCommand && (
                        <pre
                          tabIndex={0}
                          role="group"
                          aria-label="What sets the traffic weight"
                          className="mt-1 overflow-x-auto rounded bg-slate-950 p-2 font-mono text-xs text-slate-100"
                        >
                          {s.weightCommand}
                        </pre>
                      )}
                    </>
                  )}
                  {editing === s.id && s.kind === "canary" && (
                    <CanaryForm
                      text={s.text}
                      initial={s}
                      watches={watchesOf(p)}
                      busy={busy}
                      onCancel={() => setEditing(null)}
                      onSubmit={(body) => (edit({ method: "PATCH", path: `/steps/${s.id}`, body }), setEditing(null))}
                    />
                  )}
                  {editing === s.id && s.kind !== "canary" && <StepEditor step={s} busy={busy} edit={edit} onDone={() => setEditing(null)} />}
                </li>
              ))}
            </ol>
            {editable && (
              <div className="border-t border-slate-100 px-4 py-2">
                <button
                  type="button"
                  className={small}
                  disabled={busy}
                  onClick={() =>
                    edit({ method: "POST", path: "/steps", body: { procedureId: p.id, kind: "gate", text: "A person confirms before the run goes on" } })
                  }
                >
                  Add a manual step
                </button>
                {p.kind === "deploy" && !p.steps.some((x) => x.kind === "canary") && (
                  <button type="button" className={`${small} ml-2`} disabled={busy} onClick={() => setAddingCanary(p.id)}>
                    Add a canary
                  </button>
                )}
                {addingCanary === p.id && (
                  <CanaryForm
                    watches={watchesOf(p)}
                    busy={busy}
                    onCancel={() => setAddingCanary(null)}
                    onSubmit={(body) => (edit({ method: "POST", path: "/steps", body: { procedureId: p.id, kind: "canary", ...body } }), setAddingCanary(null))}
                  />
                )}
              </div>
            )}
          </section>
        ))}
      </div>
    </>
  );
}
