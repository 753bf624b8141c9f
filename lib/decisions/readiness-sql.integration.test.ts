// The tick stays one statement while nothing can flip readiness because SQL (countdown_tick_may_flip_readiness)
// answers "may this tick have flipped it?". That function repeats the checklist part of the readiness rule
// (gating-items.ts); this property holds them together: over generated releases and ticks, whenever the tick
// changes whether every gating item is done, the SQL says "maybe". (It may say maybe more often: the application
// then evaluates readiness in full and finds nothing to do.)
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRelease } from "@/lib/releases/create-release";
import { gatesDeploy } from "@/lib/decisions/gating-items";
import { saveTemplate } from "@/lib/templates/save-template";
import { createCaller, uid } from "@/test/factories";
import type { Caller } from "@/lib/auth/roles";

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
let manager: Caller;
beforeAll(async () => {
  await client.connect();
  manager = await createCaller("manager");
});
afterAll(() => client.end());

const ZItem = fc.record({ required: fc.boolean(), checked: fc.boolean(), offsetMinutes: fc.constantFrom(null, -1440, -60, 0, 30, 1440) });

describe("the tick's readiness pre-filter", () => {
  it("says maybe whenever a tick changes whether every gating item is done", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ZItem, { minLength: 1, maxLength: 6 }), fc.nat(), fc.boolean(), async (items, pick, checked) => {
        const target = pick % items.length;
        // One phase per item, so each item carries its own offset.
        const template = await saveTemplate(
          {
            name: `Gate ${uid()}`,
            phases: items.map((item, i) => ({
              title: `P${i}`,
              offsetMinutes: item.offsetMinutes,
              items: [{ text: `Item ${i}`, required: item.required, ownerRole: null }],
            })),
            procedures: [],
          },
          null,
        );
        const release = await createRelease(
          {
            templateId: template.id,
            name: `Gate ${uid()}`,
            version: "1",
            type: "regular",
            environment: `env-${uid()}`,
            scheduledAt: new Date("2031-01-01T00:00:00Z"),
          },
          manager,
        );
        const ids = release.phases.map((p) => p.items[0].id);
        const allDone = (list: typeof items) => list.filter(gatesDeploy).every((i) => i.checked);
        // The state the application keeps: ready exactly while the checklist (the only blocker here besides votes) allows it.
        await client.query(`UPDATE "ReleaseItem" SET checked = v.checked FROM unnest($1::uuid[], $2::boolean[]) v(id, checked) WHERE "ReleaseItem".id = v.id`, [
          ids,
          items.map((i) => i.checked),
        ]);
        await client.query(`UPDATE "Release" SET status = $2::"ReleaseStatus" WHERE id = $1`, [release.id, allDone(items) ? "ready" : "scheduled"]);

        const after = items.map((item, i) => (i === target ? { ...item, checked } : item));
        await client.query(`UPDATE "ReleaseItem" SET checked = $2 WHERE id = $1`, [ids[target], checked]);
        const { rows } = await client.query<{ maybe: boolean }>(`SELECT countdown_tick_may_flip_readiness($1, $2, $3, 0) AS maybe`, [
          release.id,
          ids[target],
          checked,
        ]);
        if (allDone(items) !== allDone(after)) expect(rows[0].maybe).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
