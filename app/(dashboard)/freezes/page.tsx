import type { Metadata } from "next";
import { FreezeForm } from "@/components/freezes/freeze-form";
import { FreezeList } from "@/components/freezes/freeze-list";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { environmentNames } from "@/lib/environments/list-environments";

export const metadata: Metadata = { title: "Freezes" };
export const dynamic = "force-dynamic";

export default async function FreezesPage() {
  const caller = await requirePageCaller("/freezes");
  const isAdmin = caller.role === "admin";
  const environments = isAdmin ? await environmentNames() : [];
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">Freezes</h1>
      <p className="mt-1 text-sm text-slate-600">
        Windows in which nobody deploys to an environment: one-off (a holiday) or weekly (every weekend), each in its own time zone. Times below are in your
        time zone, named; hover one for UTC.
      </p>
      <div className="mt-6 space-y-6">
        {isAdmin ? <FreezeForm environments={environments} /> : <p className="text-sm text-slate-600">Only admins add or delete freeze windows.</p>}
        <FreezeList canEdit={isAdmin} />
      </div>
    </div>
  );
}
