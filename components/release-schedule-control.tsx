"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { apiFetch } from "@/lib/client/api";
import { releaseKeys } from "@/lib/client/query-keys";
import type { TReleaseView } from "@/lib/schemas/release";

const PLANNED = ["draft", "scheduled", "ready"];

/** "2030-01-15T11:00" in the viewer's time zone, for a datetime-local input. */
function toLocalInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

type Props = { release: Pick<TReleaseView, "id" | "name" | "version" | "status" | "scheduledAt" | "revision"> };

/**
 * For managers, while nothing is deployed yet: move T-0 (phases and reminders follow) or cancel the release, which
 * asks first. Both send the revision the page shows; a 409 says someone else changed it and the page reloads it.
 */
export function ReleaseScheduleControl({ release }: Props) {
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<"reschedule" | "cancel" | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: releaseKeys.detail(release.id) });
    void queryClient.invalidateQueries({ queryKey: releaseKeys.list() });
  };
  const reschedule = useMutation({
    mutationFn: (scheduledAt: string) => apiFetch(`/api/releases/${release.id}`, { method: "PATCH", json: { scheduledAt, revision: release.revision } }),
    onSuccess: () => setDialog(null),
    onSettled: refresh,
  });
  const cancel = useMutation({
    mutationFn: (reason: string) =>
      apiFetch(`/api/releases/${release.id}/cancel`, { method: "POST", json: { revision: release.revision, ...(reason && { reason }) } }),
    onSuccess: () => setDialog(null),
    onSettled: refresh,
  });
  if (!PLANNED.includes(release.status)) return null;
  const close = () => {
    setDialog(null);
    reschedule.reset();
    cancel.reset();
  };
  const title = `${release.name} ${release.version}`;

  return (
    <div className="flex gap-2" data-testid="release-schedule-control">
      <Button variant="secondary" onClick={() => setDialog("reschedule")}>
        Reschedule
      </Button>
      <Button variant="danger" onClick={() => setDialog("cancel")}>
        Cancel release
      </Button>
      <Dialog open={dialog === "reschedule"} onClose={close} title={`Move T-0 of ${title}`}>
        {dialog === "reschedule" && (
          <RescheduleForm
            initial={toLocalInput(release.scheduledAt)}
            busy={reschedule.isPending}
            error={reschedule.error?.message}
            onCancel={close}
            onSubmit={(iso) => reschedule.mutate(iso)}
          />
        )}
      </Dialog>
      <Dialog open={dialog === "cancel"} onClose={close} title={`Cancel ${title}?`}>
        {dialog === "cancel" && (
          <CancelForm busy={cancel.isPending} error={cancel.error?.message} onCancel={close} onSubmit={(reason) => cancel.mutate(reason)} />
        )}
      </Dialog>
    </div>
  );
}

function ErrorLine({ error }: { error?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
      {error}
    </p>
  );
}

function RescheduleForm({
  initial,
  busy,
  error,
  onCancel,
  onSubmit,
}: {
  initial: string;
  busy: boolean;
  error?: string;
  onCancel: () => void;
  onSubmit: (iso: string) => void;
}) {
  const [local, setLocal] = useState(initial);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(new Date(local).toISOString());
      }}
    >
      <label className="block text-sm font-medium">
        New T-0 (your local time)
        <input
          type="datetime-local"
          value={local}
          onChange={(e) => setLocal(e.target.value)}
          required
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm"
          autoFocus
        />
      </label>
      <p className="mt-2 text-xs text-slate-500">
        Every phase&apos;s due time and the communication plan&apos;s reminders move with T-0; reminders that already went out are sent again at their new time.
      </p>
      <ErrorLine error={error} />
      <div className="mt-4 flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Keep T-0
        </Button>
        <Button type="submit" disabled={busy || !local || local === initial}>
          Move T-0
        </Button>
      </div>
    </form>
  );
}

function CancelForm({ busy, error, onCancel, onSubmit }: { busy: boolean; error?: string; onCancel: () => void; onSubmit: (reason: string) => void }) {
  const [reason, setReason] = useState("");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(reason.trim());
      }}
    >
      <p className="mb-2 text-sm text-slate-600">
        The checklist and the decisions close, no reminder goes out any more, and it cannot be deployed. This cannot be undone.
      </p>
      <label htmlFor="cancel-reason" className="block text-sm font-medium">
        Reason (optional, recorded in the audit trail)
      </label>
      <textarea
        id="cancel-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={3}
        maxLength={2000}
        className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm"
        autoFocus
      />
      <ErrorLine error={error} />
      <div className="mt-4 flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Keep the release
        </Button>
        <Button type="submit" variant="danger" disabled={busy}>
          Cancel release
        </Button>
      </div>
    </form>
  );
}
