// GET, PUT /api/releases/:id/notes - the release notes by section (signed in) / save them under a version (manager, admin)
import { route } from "@/lib/api/route";
import { MANAGERS, SIGNED_IN } from "@/lib/auth/roles";
import { ZNotesView, ZSavedNotes, ZSaveNotes } from "@/lib/schemas/notes";
import { ZReleaseParams } from "@/lib/schemas/release";
import { getNotes } from "@/lib/notes/get-notes";
import { saveNotes } from "@/lib/notes/save-notes";

export const GET = route({ roles: SIGNED_IN, params: ZReleaseParams, response: ZNotesView }, ({ params }) => getNotes(params.id));

export const PUT = route({ roles: MANAGERS, params: ZReleaseParams, body: ZSaveNotes, response: ZSavedNotes }, ({ params, body, caller }) =>
  saveNotes(params.id, body, caller),
);
