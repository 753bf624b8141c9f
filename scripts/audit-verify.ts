// npm run audit:verify                          recomputes every release's event hash chain in the database and
//                                               names the first broken event of each (app running or not: same
//                                               COUNTDOWN_DATA_DIR / DATABASE_URL)
// npm run audit:verify -- --file export.json    verifies a downloaded audit export offline: no database, no server
//                        [--head <hash>]        and checks it against a chain head kept from a release.completed
//                                               notification (its data.chainHead)
// Exits 1 when anything does not hold.
import fs from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { file: { type: "string" }, head: { type: "string" } } });

if (values.file) {
  const { parseAuditExport, verifyExport } = await import("@/lib/audit/verify-export");
  const verdict = verifyExport(parseAuditExport(fs.readFileSync(values.file, "utf8")), values.head);
  const { broken, witnessSeq } = verdict;
  if (broken) console.log(`BROKEN release ${verdict.releaseId}: first broken event seq ${broken.seq} (${broken.type}): ${broken.reason}`);
  else console.log(`intact: release ${verdict.releaseId}, ${verdict.events} events, chain head ${verdict.head ?? "(none)"}`);
  if (witnessSeq === null)
    console.log(`HEAD NOT FOUND: no event of this export has the hash ${values.head}: the history was changed after that head was notified`);
  else if (witnessSeq !== undefined) console.log(`head ${values.head} is event seq ${witnessSeq}: the history up to it is the one notified`);
  process.exitCode = broken || witnessSeq === null ? 1 : 0;
} else {
  if (values.head) throw new Error("--head checks an export: use it with --file export.json");
  const { openDatabase } = await import("./services/database");
  const database = await openDatabase();
  process.env.DATABASE_URL = database.url;
  const { db, disconnectDb } = await import("@/lib/db");
  const { verifyChains } = await import("@/lib/audit/verify-chains");
  try {
    const { releases, broken } = await verifyChains(db());
    for (const b of broken) console.log(`BROKEN release ${b.releaseId} (${b.releaseName}): first broken event seq ${b.seq}: ${b.reason}`);
    console.log(broken.length ? `${broken.length} of ${releases} release chains are broken` : `all ${releases} release chains are intact`);
    process.exitCode = broken.length ? 1 : 0;
  } finally {
    await disconnectDb();
    await database.stop();
  }
}
