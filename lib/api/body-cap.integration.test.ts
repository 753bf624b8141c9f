import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as createReleaseRoute } from "@/app/api/releases/route";
import { POST as importRoute } from "@/app/api/templates/import/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { ErrorBody } from "@/lib/errors";
import { ROUTE_BASE } from "@/test/call-route";
import { createCaller } from "@/test/factories";

// Bodies are capped while they stream: a chunked body (no Content-Length) is abandoned as soon as it passes the
// route's cap, and a declared one over the cap is refused before a byte is read. Both answer 413.

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

/** A body of `total` bytes, streamed in 64 KiB chunks, that counts how much of it was pulled. */
function countingBody(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x61);
  const seen = { pulled: 0 };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (seen.pulled >= total) return controller.close();
      seen.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, seen };
}

function send(handler: unknown, path: string, params: Record<string, unknown>, init: { headers?: Record<string, string>; body: ReadableStream<Uint8Array> }) {
  const req = new NextRequest(`${ROUTE_BASE}${path}`, { method: "POST", headers: init.headers, body: init.body, duplex: "half" } as ConstructorParameters<
    typeof NextRequest
  >[1]);
  return (handler as Handler)(req, { params: Promise.resolve(params) });
}

async function expect413(res: Response) {
  expect(res.status).toBe(413);
  expect(((await res.json()) as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
}

const MB = 1024 * 1024;

describe("body caps while streaming", () => {
  it("a chunked runbook import stops at its 1 MiB cap, not at the end of 64 MiB", async () => {
    const token = await createApiToken((await createCaller("manager")).id, "t");
    const body = countingBody(64 * MB);
    await expect413(
      await send(
        importRoute,
        "/api/templates/import",
        {},
        { headers: { authorization: `Bearer ${token}`, "content-type": "text/markdown" }, body: body.stream },
      ),
    );
    expect(body.seen.pulled).toBeLessThanOrEqual(MB + 2 * 64 * 1024);
  });

  it("a chunked JSON body stops at the default 1 MiB cap", async () => {
    const token = await createApiToken((await createCaller("manager")).id, "t");
    const body = countingBody(64 * MB);
    await expect413(
      await send(
        createReleaseRoute,
        "/api/releases",
        {},
        { headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body.stream },
      ),
    );
    expect(body.seen.pulled).toBeLessThanOrEqual(MB + 2 * 64 * 1024);
  });

  it("a declared Content-Length over the cap is refused before a byte is read", async () => {
    const token = await createApiToken((await createCaller("manager")).id, "t");
    const body = countingBody(64 * MB);
    await expect413(
      await send(
        importRoute,
        "/api/templates/import",
        {},
        { headers: { authorization: `Bearer ${token}`, "content-length": String(2 * MB) }, body: body.stream },
      ),
    );
    expect(body.seen.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("next-auth's endpoints stop reading at 64 KiB too", async () => {
    const body = countingBody(64 * MB);
    const res = await send(
      authPost,
      "/api/auth/callback/credentials",
      { nextauth: ["callback", "credentials"] },
      { headers: { "content-type": "application/x-www-form-urlencoded" }, body: body.stream },
    );
    await expect413(res);
    expect(body.seen.pulled).toBeLessThanOrEqual(64 * 1024 + 2 * 64 * 1024);
  });
});
