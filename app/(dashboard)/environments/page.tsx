import type { Metadata } from "next";
import { EnvironmentsAdmin } from "@/components/environments/environments-admin";
import { requirePageCaller } from "@/lib/auth/page-caller";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage() {
  const caller = await requirePageCaller("/environments");
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Environments</h1>
      <p className="mt-1 text-sm text-slate-500">
        Where runs deploy, in order: each with the variables and secrets its commands get, and who may deploy there under which rules.
      </p>
      <div className="mt-6">{caller.role === "admin" ? <EnvironmentsAdmin /> : <p className="text-sm text-slate-500">Only admins manage environments.</p>}</div>
    </div>
  );
}
