"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { apiFetch } from "@/lib/client/api";
import { formatDateTime } from "@/lib/client/format";
import { useNotificationMutation, type ChannelRow } from "@/lib/client/use-notifications";

type Rotated = { channel: ChannelRow; signingSecret: string };

/**
 * For a signed JSON channel: asks, then replaces the signing secret and shows the new one once, in the same dialog.
 * Deliveries carry a signature with the old secret too until the grace period ends, so receivers can switch without
 * losing messages.
 */
export function RotateSecretControl({ channel }: { channel: ChannelRow }) {
  const [confirming, setConfirming] = useState(false);
  const [rotated, setRotated] = useState<Rotated | null>(null);
  const rotate = useNotificationMutation(() => apiFetch<Rotated>(`/api/notifications/channels/${channel.id}/rotate-secret`, { method: "POST" }));
  const close = () => {
    setConfirming(false);
    setRotated(null);
    rotate.reset();
  };
  return (
    <>
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
        Rotate secret
      </Button>
      <Dialog open={confirming} onClose={close} title={rotated ? `New signing secret of ${channel.name}` : `Rotate the signing secret of ${channel.name}?`}>
        {rotated ? (
          <div data-testid="signing-secret" className="text-sm">
            <p>
              Copy it now: it is not shown again.
              {rotated.channel.previousSecretValidUntil && (
                <> The old secret still signs deliveries too until {formatDateTime(rotated.channel.previousSecretValidUntil)}.</>
              )}
            </p>
            <code className="mt-2 block select-all break-all rounded bg-amber-50 px-2 py-1 font-mono text-xs">{rotated.signingSecret}</code>
            <div className="mt-4 flex justify-end">
              <Button type="button" onClick={close} autoFocus>
                I have copied it
              </Button>
            </div>
          </div>
        ) : (
          <>
            <p className="text-sm">
              A new secret signs every delivery from now on. For 24 hours deliveries also carry a signature with the current secret, so receivers keep working
              while you update them; a secret replaced earlier stops signing at once.
            </p>
            {rotate.error && (
              <p role="alert" className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
                {rotate.error.message}
              </p>
            )}
            <div className="mt-4 flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close} autoFocus>
                Keep the secret
              </Button>
              <Button type="button" onClick={() => rotate.mutate(undefined, { onSuccess: setRotated })} disabled={rotate.isPending}>
                Rotate secret
              </Button>
            </div>
          </>
        )}
      </Dialog>
    </>
  );
}
