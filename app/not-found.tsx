import type { Metadata } from "next";
import { Logo } from "@/components/logo";
import { NotFoundPanel } from "@/components/not-found-panel";

export const metadata: Metadata = { title: "Page not found" };

// Any URL no route answers (status 404): outside the dashboard layout, so it works signed in or not.
export default function NotFound() {
  return (
    <main className="min-h-screen px-6 py-16">
      <p className="mb-8 text-center text-slate-900">
        <Logo />
      </p>
      <NotFoundPanel
        title="This page does not exist"
        text="The address may be mistyped, or the page has moved."
        back={{ href: "/releases", label: "Go to the releases" }}
      />
    </main>
  );
}
