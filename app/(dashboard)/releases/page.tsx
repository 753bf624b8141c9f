import type { Metadata } from "next";
import { ReleaseList } from "@/components/release-list";

export const metadata: Metadata = { title: "Releases" };

export default function ReleasesPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Releases</h1>
      <p className="mt-1 text-sm text-slate-500">Upcoming and recent launches, soonest first.</p>
      <ReleaseList />
    </>
  );
}
