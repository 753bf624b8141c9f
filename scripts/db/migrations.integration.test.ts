import { describe, expect, it } from "vitest";
import { migrationDrift } from "./migrations";

describe("prisma/migrations", () => {
  it("produce exactly schema.prisma (no drift): run `npm run db:migration -- <name>` after changing the schema", async () => {
    expect(await migrationDrift(process.env.DATABASE_URL!)).toBe("");
  });
});
