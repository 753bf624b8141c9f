// GET /api/releases/:id/notes.md - the release notes as one Markdown file (signed in)
import { route } from "@/lib/api/route";
import { textAnswer } from "@/lib/api/answers";
import { SIGNED_IN } from "@/lib/auth/roles";
import { notesMarkdown } from "@/lib/schemas/notes";
import { ZReleaseParams } from "@/lib/schemas/release";
import { getNotes } from "@/lib/notes/get-notes";

export const GET = route({ roles: SIGNED_IN, params: ZReleaseParams, response: textAnswer("text/markdown", "the notes as one Markdown file") }, async ({ params }) => {
  const notes = await getNotes(params.id);
  const slug = `${notes.release.name}-${notes.release.version}`.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 80);
  return new Response(notesMarkdown(`${notes.release.name} ${notes.release.version}: release notes`, notes.sections), {
    headers: { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="release-notes-${slug}.md"`, "Cache-Control": "no-store" },
  });
});
