"use client";

import { formatDateTime } from "@/lib/client/format";
import { useEnvironmentAudit, type EnvironmentAuditRow } from "@/lib/client/use-environments";

/** What each change said, in words; payloads name variables and secrets, never a secret's value. */
function describe(e: EnvironmentAuditRow): string {
  const p = e.payload as Record<string, unknown>;
  switch (e.type) {
    case "secret.set":
      return `${p.replaced ? "replaced" : "set"} the secret ${String(p.key)}`;
    case "secret.deleted":
      return `removed the secret ${String(p.key)}`;
    case "environment.created":
      return "created it";
    case "environment.deleted":
      return "deleted it";
    default:
      return `changed ${Object.keys(p).join(", ") || "nothing"}`;
  }
}

/** The global audit log of environment changes, newest first (admins only, like the page). */
export function EnvironmentAudit() {
  const { data, error } = useEnvironmentAudit();
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="environment-audit">
      <h2 id="environment-audit" className="font-medium">
        Audit log
      </h2>
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          Could not load the audit log: {error.message}
        </p>
      )}
      <ol className="mt-2 space-y-1 text-sm" data-testid="environment-audit">
        {data?.events.map((e) => (
          <li key={e.id}>
            <span className="text-xs text-slate-500">{formatDateTime(e.at)}</span> · <strong>{e.environment}</strong>: {e.actor?.name ?? "Countdown"}{" "}
            {describe(e)}
          </li>
        ))}
      </ol>
    </section>
  );
}
