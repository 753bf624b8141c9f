import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/logo";
import { SkipLink } from "@/components/skip-link";
import { SignOutButton } from "@/components/sign-out-button";
import { requirePageCaller } from "@/lib/auth/page-caller";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  // Signed out: sign in, then back to the URL asked for (requirePageCaller reads it from the proxy's header).
  const caller = await requirePageCaller("/");
  return (
    <div className="min-h-screen">
      <SkipLink />
      <header className="bg-slate-900 text-slate-100">
        <nav aria-label="Main" className="mx-auto flex max-w-6xl items-center gap-6 px-6 py-3">
          <Link href="/releases">
            <Logo />
          </Link>
          <Link href="/releases" className="text-sm text-slate-300 hover:text-white">
            Releases
          </Link>
          <Link href="/templates" className="text-sm text-slate-300 hover:text-white">
            Templates
          </Link>
          <Link href="/calendar" className="text-sm text-slate-300 hover:text-white">
            Calendar
          </Link>
          {(caller.role === "approver" || caller.role === "admin") && (
            <Link href="/decisions" className="text-sm text-slate-300 hover:text-white">
              Waiting for my decision
            </Link>
          )}
          {caller.role === "admin" && (
            <Link href="/environments" className="text-sm text-slate-300 hover:text-white">
              Environments
            </Link>
          )}
          <Link href="/freezes" className="text-sm text-slate-300 hover:text-white">
            Freezes
          </Link>
          {caller.role === "admin" && (
            <Link href="/notifications" className="text-sm text-slate-300 hover:text-white">
              Notifications
            </Link>
          )}
          <Link href="/api-docs" className="text-sm text-slate-300 hover:text-white">
            API
          </Link>
          <span className="ml-auto text-sm text-slate-300">
            {caller.name} · <span data-testid="current-role">{caller.role}</span>
          </span>
          <Link href="/tokens" className="text-sm text-slate-300 hover:text-white">
            API tokens
          </Link>
          <SignOutButton />
        </nav>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-6 py-8 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
