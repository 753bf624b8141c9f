import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET as streamRoute } from "@/app/api/releases/[id]/stream/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { ErrorBody } from "@/lib/errors";
import { parseSeq } from "@/lib/schemas/stream-cursor";
import { ROUTE_BASE } from "@/test/call-route";
import { createCaller, createReleaseFixture } from "@/test/factories";

// Where a stream resumes must be a sequence number the column can hold: 99999999999 used to reach the query, overflow
// the integer column and log an error every second for as long as the stream stayed open.

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function open(path: string, id: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const res = await (streamRoute as Handler)(new NextRequest(`${ROUTE_BASE}${path}`, { headers, signal: abort.signal }), { params: Promise.resolve({ id }) });
  const close = async () => {
    abort.abort();
    if (!res.bodyUsed) await res.body?.cancel();
  };
  return { res, close };
}

describe("stream cursor", () => {
  it.each(["99999999999", "2147483648", "-1", "1.5", "1e3", "abc", "", "0x10", "9007199254740993"])("Last-Event-ID %j -> 400", async (value) => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const release = await createReleaseFixture(manager);
    const { res, close } = await open(`/api/releases/${release.id}/stream`, release.id, { authorization: `Bearer ${token}`, "last-event-id": value });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorBody).error.code).toBe("BAD_REQUEST");
    await close();
  });

  it.each(["99999999999", "-1", "abc", "1.5"])("?after=%s -> 400", async (value) => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const release = await createReleaseFixture(manager);
    const { res, close } = await open(`/api/releases/${release.id}/stream?after=${value}`, release.id, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(400);
    await close();
  });

  it("a cursor within range opens the stream", async () => {
    const manager = await createCaller("manager");
    const token = await createApiToken(manager.id, "t");
    const release = await createReleaseFixture(manager);
    for (const headers of [{ "last-event-id": "2147483647" }, { "last-event-id": " 3 " }, {}] as Record<string, string>[]) {
      const { res, close } = await open(`/api/releases/${release.id}/stream?after=1`, release.id, { authorization: `Bearer ${token}`, ...headers });
      expect(res.status).toBe(200);
      await close();
    }
  });

  it("parseSeq accepts plain digits within 32 bits only", () => {
    expect([parseSeq("0"), parseSeq("42"), parseSeq("2147483647")]).toEqual([0, 42, 2147483647]);
    expect([parseSeq("2147483648"), parseSeq("+1"), parseSeq("1_000"), parseSeq("٣")]).toEqual([null, null, null, null]);
  });
});
