// npm run audit:verify: recomputes every release's event hash chain and names the first broken event of each.
// Exits 1 when any chain is broken. Works with the app running or not (same COUNTDOWN_DATA_DIR / DATABASE_URL).
import { openDatabase } from "./services/database";

const database = await openDatabase();
process.env.DATABASE_URL = database.url;
const { db, disconnectDb } = await import("@/lib/db");
const { verifyChains } = await import("@/lib/server/audit/verify-chains");
try {
  const { releases, broken } = await verifyChains(db());
  for (const b of broken) console.log(`BROKEN release ${b.releaseId} (${b.releaseName}): first broken event seq ${b.seq}: ${b.reason}`);
  console.log(broken.length ? `${broken.length} of ${releases} release chains are broken` : `all ${releases} release chains are intact`);
  process.exitCode = broken.length ? 1 : 0;
} finally {
  await disconnectDb();
  await database.stop();
}
