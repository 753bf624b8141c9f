import type { Metadata } from "next";
import Link from "next/link";
import { ReleaseNotesEditor } from "@/components/release-notes-editor";
import { requirePageCaller } from "@/lib/auth/page-caller";
import { canManage } from "@/lib/auth/roles";
import { releaseOr404 } from "@/lib/pages/page-subject";

export const metadata: Metadata = { title: "Release notes" };

export default async function ReleaseNotesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await requirePageCaller(`/releases/${id}/notes`);
  await releaseOr404(id);
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href={`/releases/${id}`} className="text-indigo-700 hover:underline">
          ← Release plan
        </Link>
      </p>
      <ReleaseNotesEditor releaseId={id} canEdit={canManage(caller)} />
    </>
  );
}
