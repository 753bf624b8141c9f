import { Markdown, safeHref } from "@/components/markdown";

// What an imported runbook keeps for reading, under its section's title: tables, code that is not shell
// (configs, zone files, SQL, YAML), link lists, contacts and prose notes (lib/schemas/runbook.ts ZParsedReference).

export type ReferenceView = {
  title: string;
  line?: number;
  header: string[];
  rows: string[][];
  kind?: "table" | "code" | "links" | "contacts" | "note";
  text?: string;
  lang?: string;
};

export function TemplateReferences({ references }: { references: ReferenceView[] }) {
  if (references.length === 0) return null;
  return (
    <section data-testid="template-references">
      <h2 className="mt-8 text-lg font-semibold">References</h2>
      <div className="mt-3 space-y-3">
        {references.map((r, i) => (
          <div key={i} className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <h3 className="text-xs font-medium text-slate-500">
              {r.title || "Reference"}
              {r.kind === "code" && r.lang ? ` · ${r.lang}` : ""}
              {r.line ? ` · line ${r.line}` : ""}
            </h3>
            <Reference reference={r} />
          </div>
        ))}
      </div>
    </section>
  );
}

function Reference({ reference: r }: { reference: ReferenceView }) {
  if (r.kind === "code") return <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap font-mono text-xs">{r.text ?? ""}</pre>;
  if (r.kind === "note") return <Markdown text={r.text ?? ""} className="mt-1" />;
  if (r.kind === "links") {
    return (
      <ul className="mt-1 list-disc pl-5">
        {r.rows.map(([text, url], i) => {
          const href = safeHref(url ?? "");
          return (
            <li key={i}>
              {href ? (
                <a className="text-indigo-700 underline" href={href} rel="noopener noreferrer nofollow" target="_blank">
                  {text || url}
                </a>
              ) : (
                `${text} ${url ?? ""}`
              )}
            </li>
          );
        })}
      </ul>
    );
  }
  return (
    <div className="mt-1 overflow-x-auto">
      <table className="w-full text-left text-sm">
        {r.header.length > 0 && (
          <thead className="bg-slate-50">
            <tr>
              {r.header.map((h, i) => (
                <th key={i} className="px-3 py-2 font-medium">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
        )}
        <tbody className="divide-y divide-slate-100">
          {r.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j} className="px-3 py-2 align-top">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
