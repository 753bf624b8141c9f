"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

export type Confirm = { kind: "go" } | { kind: "no-go" } | { kind: "override"; decisionId: string; who: string };

const TEXT = {
  go: { title: (r: string) => `Vote go on ${r}?`, label: "Comment (optional)", required: false, submit: "Confirm go" },
  "no-go": { title: (r: string) => `Vote no-go on ${r}?`, label: "Why not? (required)", required: true, submit: "Confirm no-go" },
  override: { title: () => "Override this no-go?", label: "Reason (required, recorded in the audit trail)", required: true, submit: "Override no-go" },
} as const;

type Props = {
  confirm: Confirm | null;
  release: string;
  busy: boolean;
  error?: string | null;
  onCancel: () => void;
  onSubmit: (c: Confirm, text: string) => void;
};

/** Asks before a vote or an override, with the comment or reason that goes with it (a deploy asks in deploy-confirm.tsx). */
export function ConfirmDialog({ confirm, release, onCancel, ...rest }: Props) {
  return (
    <Dialog open={confirm !== null} onClose={onCancel} title={confirm ? TEXT[confirm.kind].title(release) : ""}>
      {/* Mounted only while open, so every opening starts with an empty comment. */}
      {confirm && <ConfirmForm confirm={confirm} onCancel={onCancel} {...rest} />}
    </Dialog>
  );
}

function ConfirmForm({ confirm, busy, error, onCancel, onSubmit }: Omit<Props, "confirm" | "release"> & { confirm: Confirm }) {
  const [text, setText] = useState("");
  const t = TEXT[confirm.kind];
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(confirm, text.trim());
      }}
    >
      {confirm.kind === "override" && <p className="mb-2 text-sm text-slate-600">The no-go from {confirm.who} will stop blocking the release.</p>}
      <label htmlFor="confirm-text" className="block text-sm font-medium">
        {t.label}
      </label>
      <textarea
        id="confirm-text"
        value={text}
        onChange={(e) => setText(e.target.value)}
        required={t.required}
        rows={3}
        maxLength={2000}
        className="mt-1 w-full rounded-md border border-slate-300 p-2 text-sm"
        autoFocus
      />
      {error && (
        <p role="alert" className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {error}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" variant={confirm.kind === "go" ? "primary" : "danger"} disabled={busy || (t.required && !text.trim())}>
          {t.submit}
        </Button>
      </div>
    </form>
  );
}
