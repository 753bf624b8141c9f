import { Logo } from "@/components/logo";

const MESSAGE = {
  revoked: { title: "This link was revoked", text: "The release manager revoked this share link. Ask them for a new one." },
  expired: { title: "This link has expired", text: "Share links last a limited time. Ask the release manager for a new one." },
  unknown: { title: "This link does not exist", text: "Check that you copied the whole link, or ask the release manager for a new one." },
} as const;

/** What a share link that opens nothing shows instead of the timeline. */
export function ShareLinkClosed({ state }: { state: keyof typeof MESSAGE }) {
  const m = MESSAGE[state];
  return (
    <main className="mx-auto max-w-md px-6 py-16 text-center" data-testid="share-link-closed" data-state={state}>
      <span className="inline-block text-slate-900">
        <Logo />
      </span>
      <h1 className="mt-6 text-xl font-semibold">{m.title}</h1>
      <p className="mt-2 text-sm text-slate-600">{m.text}</p>
    </main>
  );
}
