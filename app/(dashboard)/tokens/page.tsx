import type { Metadata } from "next";
import { ApiTokens } from "@/components/api-tokens";
import { requirePageCaller } from "@/lib/auth/page-caller";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage() {
  const caller = await requirePageCaller("/tokens");
  return (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">API tokens</h1>
      <p className="mt-1 text-sm text-slate-500">
        For scripts and CI: each token has a name, scopes and an expiry (at most a year). It acts as you, within your role ({caller.role}) and its scopes.
      </p>
      <ApiTokens isAdmin={caller.role === "admin"} />
    </div>
  );
}
