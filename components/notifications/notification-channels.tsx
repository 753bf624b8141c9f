"use client";

import { useState } from "react";
import { AddChannelForm } from "@/components/notifications/add-channel-form";
import { ChannelSubscriptions } from "@/components/notifications/channel-subscriptions";
import { DeliveryLog } from "@/components/notifications/delivery-log";
import { RotateSecretControl } from "@/components/notifications/rotate-secret-control";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { apiFetch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { useChannels, useNotificationMutation, type ChannelRow } from "@/lib/client/use-notifications";

/** The admin's notifications page: channels, each with its subscriptions and delivery log. */
export function NotificationChannels() {
  const { data, error } = useChannels();
  return (
    <div className="space-y-6">
      <AddChannelForm />
      {error && (
        <p role="alert" className="text-sm text-rose-700">
          Could not load the channels: {error.message}
        </p>
      )}
      {data && !data.channels.length && <p className="text-sm text-slate-500">No channels yet. Add a Slack incoming webhook or a JSON endpoint above.</p>}
      {data?.channels.map((c) => (
        <ChannelCard key={c.id} channel={c} />
      ))}
    </div>
  );
}

function ChannelCard({ channel }: { channel: ChannelRow }) {
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const patch = useNotificationMutation((body: { enabled?: boolean; name?: string; url?: string }) =>
    apiFetch(`/api/notifications/channels/${channel.id}`, { method: "PATCH", json: body }),
  );
  const test = useNotificationMutation(() => apiFetch(`/api/notifications/channels/${channel.id}/test`, { method: "POST" }));
  const remove = useNotificationMutation(() => apiFetch(`/api/notifications/channels/${channel.id}`, { method: "DELETE" }));
  const failure = patch.error ?? test.error ?? remove.error;

  return (
    <section className="rounded-lg border border-slate-200 bg-white" aria-labelledby={`channel-${channel.id}`} data-testid="channel">
      <header className="flex flex-wrap items-center gap-3 border-b border-slate-100 bg-slate-50 px-4 py-2">
        <h2 id={`channel-${channel.id}`} className="font-medium">
          {channel.name}
        </h2>
        <Badge tone="indigo">{channel.kind === "slack" ? "Slack" : "signed JSON"}</Badge>
        {!channel.enabled && <Badge>disabled</Badge>}
        <code className="text-xs text-slate-500" title="The URL is stored encrypted; only its end is shown">
          {channel.url}
        </code>
        {channel.previousSecretValidUntil && (
          <span className="text-xs text-amber-800">old secret signs too until {formatDateTime(channel.previousSecretValidUntil)}</span>
        )}
        <span className="ml-auto flex flex-wrap justify-end gap-2">
          <Button
            type="button"
            variant="secondary"
            onClick={() => test.mutate(undefined, { onSuccess: () => setNote("Test message queued; it shows in the log below.") })}
            disabled={test.isPending}
          >
            Send test
          </Button>
          <Button type="button" variant="secondary" onClick={() => setEditing(true)}>
            Edit
          </Button>
          {channel.kind === "json" && channel.signed && <RotateSecretControl channel={channel} />}
          <Button type="button" variant="secondary" onClick={() => patch.mutate({ enabled: !channel.enabled })} disabled={patch.isPending}>
            {channel.enabled ? "Disable" : "Enable"}
          </Button>
          <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        </span>
      </header>
      <div className="grid gap-6 p-4 lg:grid-cols-2">
        <div>
          <h3 className="mb-2 text-sm font-semibold">Subscriptions</h3>
          <ChannelSubscriptions channelId={channel.id} />
        </div>
        <div>
          <h3 className="mb-2 text-sm font-semibold">Delivery log</h3>
          {note && (
            <p role="status" className="mb-2 text-sm text-emerald-800">
              {note}
            </p>
          )}
          <DeliveryLog channelId={channel.id} />
        </div>
      </div>
      {failure && (
        <p role="alert" className="px-4 pb-3 text-sm text-rose-700">
          {failure.message}
        </p>
      )}
      <Dialog open={editing} onClose={() => setEditing(false)} title={`Edit the channel ${channel.name}`}>
        {editing && (
          <EditChannelForm
            channel={channel}
            busy={patch.isPending}
            onCancel={() => setEditing(false)}
            onSave={(body) => patch.mutate(body, { onSuccess: () => setEditing(false) })}
          />
        )}
      </Dialog>
      <Dialog open={confirming} onClose={() => setConfirming(false)} title={`Delete the channel ${channel.name}?`}>
        <p className="text-sm">Its subscriptions and delivery log go with it; messages waiting to be sent are dropped.</p>
        <div className="mt-4 flex justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)} autoFocus>
            Keep it
          </Button>
          <Button
            type="button"
            variant="danger"
            onClick={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}
            disabled={remove.isPending}
          >
            Delete channel
          </Button>
        </div>
      </Dialog>
    </section>
  );
}

/** Rename, or point at a new URL (left empty, the stored one stays: it is never shown again). */
function EditChannelForm({
  channel,
  busy,
  onCancel,
  onSave,
}: {
  channel: ChannelRow;
  busy: boolean;
  onCancel: () => void;
  onSave: (body: { name: string; url?: string }) => void;
}) {
  const [name, setName] = useState(channel.name);
  const [url, setUrl] = useState("");
  return (
    <form
      className="space-y-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ name, ...(url.trim() && { url: url.trim() }) });
      }}
    >
      <label className="block">
        Name
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={100}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
        />
      </label>
      <label className="block">
        New webhook URL (leave empty to keep {channel.url})
        <input
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          type="url"
          autoComplete="off"
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 font-mono text-xs"
        />
      </label>
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" disabled={busy}>
          Save
        </Button>
      </div>
    </form>
  );
}
