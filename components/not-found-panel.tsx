import Link from "next/link";

type Props = { title: string; text: string; back: { href: string; label: string } };

/** What a 404 page says: what is missing, why that may be, and the way back. */
export function NotFoundPanel({ title, text, back }: Props) {
  return (
    <section aria-labelledby="not-found-title" className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white p-8 text-center" data-testid="not-found">
      <p className="text-sm font-medium text-slate-600">404 · not found</p>
      <h1 id="not-found-title" className="mt-2 text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <p className="mt-2 text-sm text-slate-600">{text}</p>
      <Link href={back.href} className="mt-6 inline-flex rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
        {back.label}
      </Link>
    </section>
  );
}
