// The owner role's Prisma client, for the tests that play the forger (disable the append-only trigger, bypass
// triggers): the app itself connects as the runtime role, which may do neither (test/global-setup.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";

let client: PrismaClient | undefined;

export function ownerDb(): PrismaClient {
  client ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.COUNTDOWN_TEST_OWNER_URL ?? process.env.DATABASE_URL, max: 2 }) });
  return client;
}

// Registered when a test file imports this module: its connections close with that file.
afterAll(async () => {
  await client?.$disconnect();
  client = undefined;
});
