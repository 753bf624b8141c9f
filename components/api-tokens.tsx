"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { tokenKeys } from "@/lib/client/query-keys";
import { TOKEN_DEFAULT_DAYS, TOKEN_SCOPES, type TCreatedToken, type TTokenSummary } from "@/lib/schemas/token";

const SCOPE_HELP: Record<(typeof TOKEN_SCOPES)[number], string> = {
  read: "read releases, runs and templates",
  tick: "tick checklist items",
  decide: "vote go or no-go",
  run: "start, cancel and step runs",
  admin: "everything your role allows",
};
const LIFETIMES = [7, 30, TOKEN_DEFAULT_DAYS, 180, 365];

/** A user's API tokens: make one (shown once), see when each was last used, revoke it. Admins may list everyone's. */
export function ApiTokens({ isAdmin }: { isAdmin: boolean }) {
  const queryClient = useQueryClient();
  const [everyone, setEveryone] = useState(false);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["read"]);
  const [days, setDays] = useState(TOKEN_DEFAULT_DAYS);
  const [created, setCreated] = useState<TCreatedToken | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const { data, isLoading } = useQuery({
    queryKey: tokenKeys.list(everyone),
    queryFn: () => apiFetch<{ tokens: TTokenSummary[] }>(`/api/tokens${everyone ? "?all=1" : ""}`),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: tokenKeys.all });

  const create = useMutation({
    mutationFn: () => apiFetch<TCreatedToken>("/api/tokens", { method: "POST", json: { name, scopes, expiresInDays: days } }),
    onSuccess: (token) => {
      setCreated(token);
      setName("");
      setMessage(null);
      void refresh();
    },
    onError: (err) => setMessage(err.message),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch<TTokenSummary>(`/api/tokens/${id}`, { method: "DELETE" }),
    onSuccess: (token) => {
      if (created?.id === token.id) setCreated(null);
      setMessage(`Revoked "${token.name}".`);
      void refresh();
    },
    onError: (err) => setMessage(err.message),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate();
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setMessage("Token copied.");
    } catch {
      setMessage("Copy it from the field above.");
    }
  }

  return (
    <div className="mt-6 space-y-6">
      <form onSubmit={submit} className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className="font-medium">
          New token
        </h2>
        <div className="mt-3 flex flex-wrap items-end gap-4">
          <label className="flex flex-col text-sm text-slate-600">
            Name
            <input
              required
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="CI: tick smoke items"
              className="mt-1 w-64 rounded border border-slate-300 px-2 py-1 text-sm"
            />
          </label>
          <label className="flex flex-col text-sm text-slate-600">
            Expires after
            <select value={days} onChange={(e) => setDays(Number(e.target.value))} className="mt-1 rounded border border-slate-300 px-1 py-1 text-sm">
              {LIFETIMES.map((d) => (
                <option key={d} value={d}>
                  {d} days
                </option>
              ))}
            </select>
          </label>
          <Button type="submit" disabled={create.isPending || !name.trim() || scopes.length === 0}>
            Create token
          </Button>
        </div>
        <fieldset className="mt-3">
          <legend className="text-sm text-slate-600">Scopes (what the token may do, within your role)</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {TOKEN_SCOPES.map((scope) => (
              <label key={scope} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(e) => setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))}
                />
                <span className="font-mono">{scope}</span>
                <span className="text-xs text-slate-500">{SCOPE_HELP[scope]}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {created && (
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <input
              readOnly
              value={created.token}
              aria-label="New API token"
              data-testid="new-token"
              className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 font-mono text-xs"
              onFocus={(e) => e.currentTarget.select()}
            />
            <Button type="button" variant="secondary" onClick={copy}>
              Copy
            </Button>
            <span className="text-xs text-slate-500">Shown only now: send it as `Authorization: Bearer …`.</span>
          </div>
        )}
        {message && (
          <p role="status" className="mt-2 text-sm text-slate-700">
            {message}
          </p>
        )}
      </form>

      <section aria-labelledby="tokens-heading">
        <div className="flex items-center gap-3">
          <h2 id="tokens-heading" className="mr-auto font-medium">
            {everyone ? "Everyone's tokens" : "Your tokens"}
          </h2>
          {isAdmin && (
            <label className="flex items-center gap-1 text-sm text-slate-600">
              <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} /> everyone&apos;s
            </label>
          )}
        </div>
        {isLoading ? (
          <p className="mt-2 text-sm text-slate-500">Loading…</p>
        ) : !data?.tokens.length ? (
          <p className="mt-2 text-sm text-slate-500">No tokens yet.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm" data-testid="token-list">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1">Name</th>
                {everyone && <th>User</th>}
                <th>Scopes</th>
                <th>Created</th>
                <th>Expires</th>
                <th>Last used</th>
                <th>State</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.tokens.map((t) => (
                <tr key={t.id} className="border-t border-slate-100">
                  <td className="py-1.5">{t.name}</td>
                  {everyone && <td>{t.user.email}</td>}
                  <td className="font-mono text-xs">{t.scopes.join(", ")}</td>
                  <td>{formatDateTime(t.createdAt)}</td>
                  <td>{formatDateTime(t.expiresAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "never"}</td>
                  <td>{t.state}</td>
                  <td className="text-right">
                    {t.state === "active" && (
                      <Button
                        variant="danger"
                        className="px-2 py-1"
                        onClick={() => window.confirm(`Revoke "${t.name}"? Anything using it stops working at once.`) && revoke.mutate(t.id)}
                        disabled={revoke.isPending}
                      >
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
