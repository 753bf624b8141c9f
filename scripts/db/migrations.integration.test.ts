import { describe, expect, it } from "vitest";
import { migrationDrift } from "./migrations";

describe("prisma/migrations", () => {
  it("produce exactly schema.prisma (no drift): run `npm run db:migration -- <name>` after changing the schema", async () => {
    // As the owner, as `npm run db:drift` runs: it creates a scratch database, which the runtime role may not.
    expect(await migrationDrift(process.env.COUNTDOWN_TEST_OWNER_URL ?? process.env.DATABASE_URL!)).toBe("");
  });
});
