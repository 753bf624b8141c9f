// GET|POST /api/auth/* - next-auth's own endpoints (sign in, sign out, session, CSRF token); bodies capped at 64 KiB while they stream
import NextAuth from "next-auth";
import { NextRequest, NextResponse } from "next/server";
import { mapError } from "@/lib/api/map-error";
import { withCappedBody } from "@/lib/api/read-body";
import { authOptions } from "@/lib/auth/options";

const nextAuth = NextAuth(authOptions) as (req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

/** A sign-in form is a few hundred bytes; next-auth itself would buffer whatever it is sent. */
const AUTH_MAX_BODY_BYTES = 64 * 1024;

async function handler(req: NextRequest, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  let capped: NextRequest;
  try {
    capped = await withCappedBody(
      req,
      AUTH_MAX_BODY_BYTES,
      ({ body, headers }) => new NextRequest(req.url, { method: req.method, headers, body: new Uint8Array(body) }),
    );
  } catch (err) {
    const { status, body } = mapError(err);
    return NextResponse.json(body, { status });
  }
  return nextAuth(capped, ctx);
}

export { handler as GET, handler as POST };
