import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Logo } from "@/components/logo";
import { LoginForm } from "@/components/login-form";
import { safeCallbackPath } from "@/lib/auth/callback-path";
import { pageCaller } from "@/lib/auth/page-caller";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: a sign-in link must not bounce the user to another site. Without one, "/" picks the
  // landing page by role (approvers: Waiting for my decision).
  const next = safeCallbackPath(callbackUrl);
  if (await pageCaller()) redirect(next);
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl">
          <Logo />
        </h1>
        <p className="mt-1 text-sm text-slate-500">Sign in to your release command center.</p>
        <LoginForm next={next} />
      </div>
    </main>
  );
}
