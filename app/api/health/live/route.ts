// GET /api/health/live - the web process answers (liveness for a load balancer; asks neither the database nor the queue) (anyone)
import { NextResponse } from "next/server";
import { route } from "@/lib/api/route";
import { ZLiveness } from "@/lib/schemas/health";

export const dynamic = "force-dynamic";

export const GET = route({ roles: "public", response: ZLiveness }, async () =>
  NextResponse.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
);
