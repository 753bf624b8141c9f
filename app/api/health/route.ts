// GET /api/health - database and queue status; 503 naming the failing dependency (anyone)
import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { jsonAnswer } from "@/lib/api/answers";
import { ZHealth } from "@/lib/schemas/health";
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = route({ roles: "public", response: ZHealth, alsoAnswers: [jsonAnswer(503, ZHealth, "a dependency fails: the body names it")] }, async () => {
  const { httpStatus, ...body } = await health();
  return NextResponse.json(body, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
});
