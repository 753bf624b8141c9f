import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { route } from "@/lib/api/route";

const call = (handler: ReturnType<typeof route>) => handler(new NextRequest("http://countdown.test/api/x"), { params: Promise.resolve({}) });

describe("the route wrapper's response contract", () => {
  const ZAnswer = z.object({ count: z.number().int() });

  it("lets an answer that fits its schema through", async () => {
    const res = await call(route({ roles: "public", response: ZAnswer }, async () => ({ count: 3 })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ count: 3 });
  });

  it("fails an answer that drifted from its schema (outside production), without showing the details", async () => {
    const res = await call(route({ roles: "public", response: ZAnswer }, async () => ({ count: "three" }) as unknown as { count: number }));
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("three");
  });
});
