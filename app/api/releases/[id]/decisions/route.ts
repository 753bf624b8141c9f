// POST /api/releases/:id/decisions - vote go or no-go (approver, admin; never one of the release's drivers; 409 once final)
import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { jsonAnswer } from "@/lib/api/answers";
import { SIGNED_IN } from "@/lib/auth/roles";
import { ZDecide, ZVoteView } from "@/lib/schemas/decision";
import { ZReleaseParams } from "@/lib/schemas/release";
import { decide } from "@/lib/decisions/decide";

// Every signed-in role reaches decide(): a refused attempt must be recorded as a denied event (once per 10 minutes,
// 429 beyond), not only refused.
export const POST = route(
  {
    roles: SIGNED_IN,
    scope: "decide",
    params: ZReleaseParams,
    body: ZDecide,
    response: ZVoteView,
    status: 201,
    alsoAnswers: [jsonAnswer(200, ZVoteView, "the same vote already stood")],
  },
  async ({ params, body, caller }) => {
    const { created, decision } = await decide(params.id, body, caller);
    return NextResponse.json(decision, { status: created ? 201 : 200 });
  },
);
