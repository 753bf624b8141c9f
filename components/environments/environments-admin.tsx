"use client";

import { AddEnvironmentForm } from "@/components/environments/add-environment-form";
import { EnvironmentAudit } from "@/components/environments/environment-audit";
import { EnvironmentCard } from "@/components/environments/environment-card";
import { useEnvironments } from "@/lib/client/use-environments";

/** The admin's Environments page: add one, then each environment in order with its settings, and the audit log. */
export function EnvironmentsAdmin() {
  const { data, error } = useEnvironments();
  const environments = data?.environments ?? [];
  return (
    <div className="space-y-6">
      <AddEnvironmentForm />
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          Could not load the environments: {error.message}
        </p>
      )}
      {data && !environments.length && (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500" data-testid="environments-empty">
          No environments yet. Add the first one above, e.g. <code>staging</code>, then <code>production</code>: runs get its variables and secrets, and its
          protection rules say who may deploy there and how many gos a deploy needs.
        </p>
      )}
      {environments.map((e, i) => (
        <EnvironmentCard key={e.name} environment={e} index={i} count={environments.length} />
      ))}
      {data && environments.length > 0 && <EnvironmentAudit />}
    </div>
  );
}
