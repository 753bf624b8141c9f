import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { ZReleaseParams } from "@/lib/schemas/release";
import { ZRunParams } from "@/lib/schemas/run";
import { ZTemplateParams } from "@/lib/schemas/template-edit";

// A page's subject (a release, a run, a template) by the id in its URL: a malformed or unknown id is the 404 page
// with status 404 (app/not-found.tsx), never a 200 with an error line. Every signed-in role reads every release,
// run and template (lib/access/read-policy.ts decides how much), so "exists" is the whole check here.

export async function releaseOr404(id: string): Promise<string> {
  const parsed = ZReleaseParams.safeParse({ id });
  if (!parsed.success) notFound();
  const found = await db().release.findUnique({ where: { id: parsed.data.id }, select: { id: true } });
  if (!found) notFound();
  return found.id;
}

export async function runOr404(runId: string): Promise<string> {
  const parsed = ZRunParams.safeParse({ runId });
  if (!parsed.success) notFound();
  const found = await db().run.findUnique({ where: { id: parsed.data.runId }, select: { id: true } });
  if (!found) notFound();
  return found.id;
}

export async function templateOr404(id: string): Promise<string> {
  const parsed = ZTemplateParams.safeParse({ id });
  if (!parsed.success) notFound();
  const found = await db().template.findUnique({ where: { id: parsed.data.id }, select: { id: true } });
  if (!found) notFound();
  return found.id;
}
