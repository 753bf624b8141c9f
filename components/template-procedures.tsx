import { Badge } from "@/components/ui/badge";

export type StepConfig = {
  id: string;
  kind: string;
  text: string;
  command?: string;
  seconds?: number;
  request?: { method: string; url: string };
  expect?: { status?: { anyOf?: number[]; min?: number; max?: number }; headerPresent?: string[]; headerAbsent?: string[]; bodyContains?: string[] };
};
export type ProcedureView = { id: string; name: string; kind: string; steps: StepConfig[] };

function describeExpect(e: StepConfig["expect"]): string {
  if (!e) return "";
  const parts = [
    e.status?.anyOf && `status ${e.status.anyOf.join(" or ")}`,
    e.status?.min !== undefined && `status ${e.status.min}–${e.status.max ?? 599}`,
    e.headerPresent?.length && `header ${e.headerPresent.join(", ")} present`,
    e.headerAbsent?.length && `header ${e.headerAbsent.join(", ")} absent`,
    e.bodyContains?.length && `body contains ${e.bodyContains.map((b) => `"${b}"`).join(", ")}`,
  ];
  return parts.filter(Boolean).join("; ");
}

export function TemplateProcedures({ procedures }: { procedures: ProcedureView[] }) {
  if (procedures.length === 0) return null;
  return (
    <>
      <h2 className="mt-8 text-lg font-semibold">Procedures</h2>
      <div className="mt-3 space-y-4">
        {procedures.map((p) => (
          <section key={p.id} className="rounded-lg border border-slate-200 bg-white" data-testid="template-procedure">
            <h3 className="flex items-center gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2 font-medium">
              {p.name} <Badge tone={p.kind === "rollback" ? "red" : p.kind === "deploy" ? "indigo" : "slate"}>{p.kind}</Badge>
            </h3>
            <ol className="divide-y divide-slate-100 text-sm">
              {p.steps.map((s, i) => (
                <li key={s.id} className="px-4 py-2">
                  <p>
                    <span className="mr-2 text-xs text-slate-400">{i + 1}.</span>
                    <Badge>{s.kind}</Badge> <span className="ml-1">{s.text}</span>
                  </p>
                  {s.kind === "command" && s.command && <pre className="mt-1 overflow-x-auto rounded bg-slate-950 p-2 font-mono text-xs text-slate-100">{s.command}</pre>}
                  {s.kind === "http" && s.request && (
                    <p className="mt-1 font-mono text-xs text-slate-600">
                      {s.request.method} {s.request.url} <span className="font-sans text-slate-500">expects {describeExpect(s.expect) || "a 2xx/3xx answer"}</span>
                    </p>
                  )}
                  {s.kind === "wait" && <p className="mt-1 text-xs text-slate-500">waits {s.seconds} s</p>}
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </>
  );
}
