// The migrated database's functions are exactly the files of prisma/sql/ (scripts/db/sql-files.ts).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseFunctions, readSqlFiles } from "./sql-files";

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
beforeAll(() => client.connect());
afterAll(() => client.end());

describe("database functions", () => {
  const files = readSqlFiles();

  it("each has its file, and each file its function", async () => {
    const inDatabase = [...(await databaseFunctions(client)).keys()].sort();
    expect(inDatabase.length).toBeGreaterThan(0);
    expect(files.map((f) => f.name)).toEqual(inDatabase);
  });

  it.each(files.map((f) => [f.name, f] as const))("%s is what the migrations left in the database", async (name, file) => {
    expect((await databaseFunctions(client)).get(name)).toEqual(file.definition);
  });
});
