// GET /api/health - database and queue status; 503 naming the failing dependency (anyone)
import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { health } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = route({ roles: "public" }, async () => {
  const { httpStatus, ...body } = await health();
  return NextResponse.json(body, { status: httpStatus, headers: { "Cache-Control": "no-store" } });
});
