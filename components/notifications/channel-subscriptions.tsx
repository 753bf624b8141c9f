"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { releaseKeys, templateKeys } from "@/lib/client/query-keys";
import { useNotificationMutation, useSubscriptions } from "@/lib/client/use-notifications";
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from "@/lib/notifications/event-types";

type Option = { id: string; label: string };

/** What one channel is told about: per template (every release of it) or per release, and which event types. */
export function ChannelSubscriptions({ channelId }: { channelId: string }) {
  const { data, error } = useSubscriptions(channelId);
  const remove = useNotificationMutation((id: string) => apiFetch(`/api/notifications/subscriptions/${id}`, { method: "DELETE" }));
  if (error)
    return (
      <p role="alert" className="text-sm text-rose-700">
        Could not load the subscriptions: {error.message}
      </p>
    );
  return (
    <div>
      {data && !data.subscriptions.length && <p className="text-sm text-slate-500">Not subscribed to anything yet: only test messages go out.</p>}
      <ul className="space-y-1 text-sm">
        {data?.subscriptions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center gap-2">
            <span className="font-medium">
              {s.template ? `Template ${s.template.name}` : s.release ? `Release ${s.release.name} ${s.release.version}` : "(deleted)"}
            </span>
            <span className="font-mono text-xs text-slate-600">{s.eventTypes.join(", ")}</span>
            <button type="button" className="text-xs text-rose-700 underline" onClick={() => remove.mutate(s.id)} disabled={remove.isPending}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <AddSubscription channelId={channelId} />
    </div>
  );
}

function AddSubscription({ channelId }: { channelId: string }) {
  const [scope, setScope] = useState<"template" | "release">("template");
  const [targetId, setTargetId] = useState("");
  const [types, setTypes] = useState<NotificationEventType[]>(["run.failed", "release.completed"]);
  const templates = useQuery({
    queryKey: templateKeys.list(),
    queryFn: () => apiFetch<{ templates: { id: string; name: string }[] }>("/api/templates"),
    select: (d): Option[] => d.templates.map((t) => ({ id: t.id, label: t.name })),
  });
  const releases = useQuery({
    queryKey: [...releaseKeys.list(), "for-subscriptions"],
    queryFn: () => apiFetch<{ releases: { id: string; name: string; version: string }[] }>("/api/releases?limit=200"),
    select: (d): Option[] => d.releases.map((r) => ({ id: r.id, label: `${r.name} ${r.version}` })),
  });
  const add = useNotificationMutation((body: Record<string, unknown>) => apiFetch("/api/notifications/subscriptions", { method: "POST", json: body }));
  const options = (scope === "template" ? templates.data : releases.data) ?? [];

  return (
    <form
      className="mt-3 space-y-2 rounded-md bg-slate-50 p-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({ channelId, [scope === "template" ? "templateId" : "releaseId"]: targetId, eventTypes: types }, { onSuccess: () => setTargetId("") });
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <label>
          For
          <select
            value={scope}
            onChange={(e) => {
              setScope(e.target.value as "template" | "release");
              setTargetId("");
            }}
            className="ml-2 rounded border border-slate-300 px-2 py-1"
          >
            <option value="template">every release of a template</option>
            <option value="release">one release</option>
          </select>
        </label>
        <label>
          <span className="sr-only">{scope === "template" ? "Template" : "Release"}</span>
          <select value={targetId} onChange={(e) => setTargetId(e.target.value)} required className="rounded border border-slate-300 px-2 py-1">
            <option value="">{options.length ? `Choose a ${scope}…` : `No ${scope}s yet`}</option>
            {options.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="sr-only">Event types</legend>
        {NOTIFICATION_EVENT_TYPES.map((t) => (
          <label key={t} className="inline-flex items-center gap-1 font-mono text-xs">
            <input type="checkbox" checked={types.includes(t)} onChange={(e) => setTypes(e.target.checked ? [...types, t] : types.filter((x) => x !== t))} />
            {t}
          </label>
        ))}
      </fieldset>
      <Button type="submit" variant="secondary" disabled={add.isPending || !targetId || !types.length}>
        Subscribe
      </Button>
      {add.error && (
        <p role="alert" className="text-rose-700">
          {add.error.message}
        </p>
      )}
    </form>
  );
}
