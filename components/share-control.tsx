"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";

type Link = { id: string; createdBy: string; createdAt: string; expiresAt: string; state: "active" | "revoked" | "expired" };
type Created = { url: string; token: string; expiresAt: string };

const shareKeys = { links: (releaseId: string) => ["share", releaseId] as const };

/** For managers: make a read-only timeline link (shown once, to copy), and revoke every link of the release. */
export function ShareControl({ releaseId }: { releaseId: string }) {
  const queryClient = useQueryClient();
  const [days, setDays] = useState(30);
  const [created, setCreated] = useState<Created | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { data } = useQuery({ queryKey: shareKeys.links(releaseId), queryFn: () => apiFetch<{ links: Link[] }>(`/api/releases/${releaseId}/share`) });
  const active = data?.links.filter((l) => l.state === "active").length ?? 0;
  const refresh = () => queryClient.invalidateQueries({ queryKey: shareKeys.links(releaseId) });

  const create = useMutation({
    mutationFn: () => apiFetch<Created>(`/api/releases/${releaseId}/share`, { method: "POST", json: { expiresInDays: days } }),
    onSuccess: (link) => {
      setCreated(link);
      setMessage(null);
      void refresh();
    },
    onError: (err) => setMessage(err.message),
  });
  const revoke = useMutation({
    mutationFn: () => apiFetch<{ revoked: number }>(`/api/releases/${releaseId}/share`, { method: "DELETE" }),
    onSuccess: ({ revoked }) => {
      setCreated(null);
      setMessage(`Revoked ${revoked} link${revoked === 1 ? "" : "s"}.`);
      void refresh();
    },
    onError: (err) => setMessage(err.message),
  });

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setMessage("Link copied.");
    } catch {
      setMessage("Copy it from the field above.");
    }
  }

  return (
    <section aria-labelledby="share-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4" data-testid="share-control">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="share-heading" className="mr-auto font-medium">
          Share the timeline
        </h2>
        <label className="flex items-center gap-1 text-sm text-slate-600">
          valid for
          <select value={days} onChange={(e) => setDays(Number(e.target.value))} className="rounded border border-slate-300 px-1 py-1 text-sm">
            {[1, 7, 30, 90, 365].map((d) => (
              <option key={d} value={d}>
                {d} day{d === 1 ? "" : "s"}
              </option>
            ))}
          </select>
        </label>
        <Button variant="secondary" onClick={() => create.mutate()} disabled={create.isPending}>
          Create share link
        </Button>
        <Button
          variant="danger"
          onClick={() => window.confirm("Revoke every share link of this release? Anyone holding one loses access at once.") && revoke.mutate()}
          disabled={revoke.isPending || active === 0}
        >
          Revoke all links
        </Button>
      </div>
      <p className="mt-1 text-xs text-slate-500">
        Anyone with a link sees the read-only timeline (schedule, decisions, run progress, notes), never commands or output. {active} active link
        {active === 1 ? "" : "s"}.
      </p>
      {created && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <input
            readOnly
            value={created.url}
            aria-label="Share link"
            data-testid="share-url"
            className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button variant="secondary" onClick={copy}>
            Copy
          </Button>
          <span className="text-xs text-slate-500">until {formatDateTime(created.expiresAt)}; shown only now.</span>
        </div>
      )}
      {message && (
        <p role="status" className="mt-2 text-sm text-slate-700">
          {message}
        </p>
      )}
    </section>
  );
}
