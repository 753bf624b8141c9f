"use client";

import { useState } from "react";
import { useUnsavedChanges } from "@/lib/client/use-unsaved-changes";
import { FreezeWindows } from "@/components/freeze-windows";
import { Button } from "@/components/ui/button";
import { useUpdateEnvironment, type EnvironmentRow } from "@/lib/client/use-environments";

type GoesMode = "policy" | "none" | "at-least";
const DEPLOYER_ROLES = ["admin", "manager"] as const;

/** The environment's protection rules: gos a deploy needs, the wait after the previous environment, who may deploy. */
export function ProtectionForm({ environment }: { environment: EnvironmentRow }) {
  const p = environment.protection;
  const initialMode: GoesMode = p.requiredGoes === null ? "policy" : p.requiredGoes === 0 ? "none" : "at-least";
  const [mode, setMode] = useState<GoesMode>(initialMode);
  const [goes, setGoes] = useState(String(p.requiredGoes || 2));
  const [wait, setWait] = useState(String(p.waitMinutes));
  const [deployers, setDeployers] = useState<string[]>(p.deployers);
  const [hosts, setHosts] = useState(p.allowedHosts.join("\n"));
  const [saved, setSaved] = useState(false);
  useUnsavedChanges(
    mode !== initialMode ||
      (mode === "at-least" && goes !== String(p.requiredGoes || 2)) ||
      wait !== String(p.waitMinutes) ||
      deployers.join() !== p.deployers.join() ||
      hosts !== p.allowedHosts.join("\n"),
  );
  const update = useUpdateEnvironment(environment.name);
  const name = environment.name;

  return (
    <form
      className="text-sm"
      aria-label={`Protection of ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const requiredGoes = mode === "policy" ? null : mode === "none" ? 0 : Number(goes);
        const allowedHosts = hosts.split(/[\s,]+/).filter(Boolean);
        update.mutate(
          { protection: { requiredGoes, waitMinutes: Number(wait), deployers: deployers as ("admin" | "manager")[], allowedHosts } },
          { onSuccess: () => setSaved(true) },
        );
      }}
    >
      <h3 className="font-medium">Protection</h3>
      <fieldset className="mt-1">
        <legend className="text-xs text-slate-600">Go/no-go for deploys here</legend>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name={`goes-${name}`} checked={mode === "policy"} onChange={() => setMode("policy")} />
          The release&apos;s approval policy
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" name={`goes-${name}`} checked={mode === "none"} onChange={() => setMode("none")} />
          Not needed (e.g. staging; required checklist items still gate)
        </label>
        <label className="mt-1 flex flex-wrap items-center gap-2">
          <input type="radio" name={`goes-${name}`} checked={mode === "at-least"} onChange={() => setMode("at-least")} />
          At least
          <input
            type="number"
            min={1}
            max={50}
            value={goes}
            onChange={(e) => (setGoes(e.target.value), setMode("at-least"))}
            aria-label={`Gos required in ${name}`}
            className="w-16 rounded border border-slate-300 px-2 py-0.5"
          />
          gos (or the policy&apos;s minimum, if higher)
        </label>
      </fieldset>
      <label className="mt-3 block text-xs text-slate-600">
        Wait after the previous environment&apos;s verified deploy, in minutes (takes effect with promotion paths)
        <input
          type="number"
          min={0}
          max={10080}
          value={wait}
          onChange={(e) => setWait(e.target.value)}
          className="mt-1 block w-24 rounded border border-slate-300 px-2 py-1 text-sm"
        />
      </label>
      <fieldset className="mt-3">
        <legend className="text-xs text-slate-600">Who may start runs here (rollbacks always stay possible)</legend>
        <div className="mt-1 flex gap-4">
          {DEPLOYER_ROLES.map((role) => (
            <label key={role} className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={deployers.includes(role)}
                onChange={(e) => setDeployers(e.target.checked ? [...deployers, role] : deployers.filter((r) => r !== role))}
              />
              {role}s
            </label>
          ))}
        </div>
      </fieldset>
      <label className="mt-3 block text-xs text-slate-600">
        Hosts its http checks and metric watches may reach, one per line (api.example.com, *.example.com); empty: any host
        <textarea
          value={hosts}
          onChange={(e) => setHosts(e.target.value)}
          rows={2}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1 font-mono text-sm"
        />
      </label>
      <div className="mt-3 flex items-center gap-2">
        <Button type="submit" disabled={update.isPending}>
          Save protection
        </Button>
        {saved && !update.isPending && (
          <span role="status" className="text-xs text-emerald-800">
            Saved.
          </span>
        )}
        {update.error && (
          <span role="alert" className="text-sm text-rose-700">
            {update.error.message}
          </span>
        )}
      </div>
      <p className="mt-3 text-xs text-slate-600">
        Freeze windows still apply per environment (set through POST /api/freezes); any there are show below, ● = in force now.
      </p>
      <FreezeWindows environment={name} />
    </form>
  );
}
