import type { Metadata } from "next";
import { WaitingDecisions } from "@/components/waiting-decisions";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { DECIDER_ROLES } from "@/lib/decisions/eligibility";

export const metadata: Metadata = { title: "Waiting for my decision" };

export default async function DecisionsPage() {
  const caller = await requirePageCaller("/decisions");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Waiting for my decision</h1>
      <p className="mt-1 text-sm text-slate-500">Open releases you may vote on and have not yet, soonest first.</p>
      {DECIDER_ROLES.includes(caller.role) ? (
        <WaitingDecisions />
      ) : (
        <p className="mt-6 text-sm text-slate-500">Only approvers and admins decide go or no-go.</p>
      )}
    </>
  );
}
