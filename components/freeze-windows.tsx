"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { Moment } from "@/components/ui/moment";
import { freezeKeys } from "@/lib/client/use-decisions";
import type { TFreezeList } from "@/lib/schemas/freeze";

/** Every freeze window of an environment (in force or not), so nobody plans a T-0 inside one. */
export function FreezeWindows({ environment }: { environment: string }) {
  const { data } = useQuery({
    queryKey: freezeKeys.environment(environment),
    queryFn: () => apiFetch<TFreezeList>(`/api/freezes?environment=${encodeURIComponent(environment)}`),
    staleTime: 60_000,
  });
  if (!data?.freezes.length) return null;
  return (
    <ul className="mt-1 space-y-0.5 text-xs text-slate-500" aria-label={`Freeze windows of ${environment}`} data-testid="freeze-windows">
      {data.freezes.map((f) => (
        <li key={f.id}>
          {f.active ? "● " : ""}
          {f.kind === "recurring" ? (
            f.description
          ) : (
            <>
              <Moment iso={f.startsAt!} /> to <Moment iso={f.endsAt!} />
            </>
          )}
          : {f.reason}
        </li>
      ))}
    </ul>
  );
}
