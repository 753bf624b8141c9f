import type { Metadata } from "next";
import { ApiReference } from "@/components/api-reference";
import { requirePageCaller } from "@/lib/auth/page-caller";

export const metadata: Metadata = { title: "API reference" };

export default async function ApiDocsPage() {
  await requirePageCaller("/api-docs");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">API reference</h1>
      <p className="mt-1 text-sm text-slate-600">
        Generated from the schemas every route checks its input (and answer) against. Scripts and CI call it with{" "}
        <code>Authorization: Bearer &lt;token&gt;</code>; the raw document is at{" "}
        <a className="underline" href="/api/openapi.json">
          /api/openapi.json
        </a>
        .
      </p>
      <ApiReference />
    </>
  );
}
