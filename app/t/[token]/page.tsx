import type { Metadata } from "next";
import { Logo } from "@/components/logo";
import { SkipLink } from "@/components/skip-link";
import { TimelineView } from "@/components/timeline/timeline-view";
import { ShareLinkClosed } from "@/components/timeline/share-link-closed";
import { shareLinkState } from "@/lib/share/share-token";
import { getTimeline } from "@/lib/timeline/get-timeline";

export const dynamic = "force-dynamic";

// The token is in the URL: never send it onward in a Referer, never index the page.
export const metadata: Metadata = { title: "Release timeline", referrer: "no-referrer", robots: { index: false, follow: false } };

/**
 * The stakeholder's read-only timeline behind a share link; no session needed. A revoked link answers 404 and an
 * expired one 410 (proxy.ts sets the status; this page says why).
 */
export default async function SharedTimelinePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await shareLinkState(token);
  if (link.state !== "valid") return <ShareLinkClosed state={link.state} />;
  const timeline = await getTimeline(link.releaseId);
  return (
    <div className="min-h-screen">
      <SkipLink />
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl items-center gap-3 px-4 py-2 sm:px-6">
          <span className="text-slate-900">
            <Logo />
          </span>
          <span className="ml-auto text-xs text-slate-500">Read-only timeline · shared link</span>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-3 py-4 sm:px-6 sm:py-8 focus:outline-none">
        <TimelineView initial={timeline} share={token} />
      </main>
    </div>
  );
}
