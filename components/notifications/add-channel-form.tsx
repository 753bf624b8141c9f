"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { apiFetch } from "@/lib/client/api";
import { useNotificationMutation, type ChannelRow } from "@/lib/client/use-notifications";

type Created = { channel: ChannelRow; signingSecret?: string };

/** Adds a channel. A JSON channel's signing secret is shown here once, until the admin dismisses it. */
export function AddChannelForm() {
  const [kind, setKind] = useState<"slack" | "json">("slack");
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const create = useNotificationMutation((body: { kind: string; name: string; url: string }) =>
    apiFetch<Created>("/api/notifications/channels", { method: "POST", json: body }),
  );

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="add-channel">
      <h2 id="add-channel" className="font-medium">
        Add a channel
      </h2>
      <form
        className="mt-3 grid gap-3 sm:grid-cols-[8rem_1fr_2fr_auto] sm:items-end"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { kind, name, url },
            {
              onSuccess: (created) => {
                setName("");
                setUrl("");
                if (created.signingSecret) setSecret({ name: created.channel.name, value: created.signingSecret });
              },
            },
          );
        }}
      >
        <label className="text-sm">
          Kind
          <select
            value={kind}
            onChange={(e) => setKind(e.target.value as "slack" | "json")}
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
          >
            <option value="slack">Slack</option>
            <option value="json">Signed JSON</option>
          </select>
        </label>
        <label className="text-sm">
          Name
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            placeholder="#releases"
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5"
          />
        </label>
        <label className="text-sm">
          Webhook URL
          <input
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            required
            type="url"
            autoComplete="off"
            placeholder={kind === "slack" ? "https://hooks.slack.com/services/…" : "https://example.com/countdown-webhook"}
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 font-mono text-xs"
          />
        </label>
        <Button type="submit" disabled={create.isPending}>
          Add channel
        </Button>
      </form>
      <p className="mt-2 text-xs text-slate-500">The URL is stored encrypted and shown masked from now on: a Slack webhook URL is itself a password.</p>
      {create.error && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {create.error.message}
        </p>
      )}
      {secret && (
        <div role="status" className="mt-3 rounded-md bg-amber-50 p-3 text-sm text-amber-950" data-testid="signing-secret">
          <p>
            Signing secret of <strong>{secret.name}</strong>. Copy it now: it is not shown again. Receivers check <code>X-Countdown-Signature</code> with it
            (see docs/notifications.md).
          </p>
          <code className="mt-2 block select-all break-all rounded bg-white px-2 py-1 font-mono text-xs">{secret.value}</code>
          <Button type="button" variant="secondary" className="mt-2" onClick={() => setSecret(null)}>
            I have copied it
          </Button>
        </div>
      )}
    </section>
  );
}
