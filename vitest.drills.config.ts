// npm run test:faults: the fault drills (test/drills/) against the real app: a production build, the web process,
// worker processes and an embedded PostgreSQL of their own in a temp dir (so one drill may restart it).
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/** The drills that restart the shared database disturb everything running beside them: they go last. */
class RestartLast extends BaseSequencer {
  async sort(files: TestSpecification[]) {
    const last = (f: TestSpecification) => (f.moduleId.includes("db-restart") ? 2 : f.moduleId.includes("many-processes") ? 1 : 0);
    return [...files].sort((a, b) => last(a) - last(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  resolve: { alias: { "@": import.meta.dirname, "server-only": path.resolve(import.meta.dirname, "test/server-only-stub.ts") } },
  test: {
    name: "faults",
    include: ["test/drills/**/*.fault.test.ts"],
    globalSetup: ["test/drills/global-setup.ts"],
    fileParallelism: false,
    sequence: { sequencer: RestartLast },
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
