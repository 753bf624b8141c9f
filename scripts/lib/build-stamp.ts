// A production build is reused while the sources it was built from are unchanged.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json"];

function* files(root: string, rel: string): Generator<string> {
  const full = path.join(root, rel);
  if (!fs.existsSync(full)) return;
  if (fs.statSync(full).isFile()) {
    yield rel;
    return;
  }
  for (const entry of fs.readdirSync(full).sort()) {
    if (entry === "node_modules" || entry.endsWith(".test.ts")) continue;
    yield* files(root, path.join(rel, entry));
  }
}

export function sourceStamp(root: string): string {
  const hash = crypto.createHash("sha256");
  for (const input of INPUTS) {
    for (const rel of files(root, input)) {
      hash
        .update(rel)
        .update("\0")
        .update(fs.readFileSync(path.join(root, rel)))
        .update("\0");
    }
  }
  return hash.digest("hex");
}

export function buildIsCurrent(distDir: string, stamp: string): boolean {
  const file = path.join(distDir, "countdown-build-stamp");
  return fs.existsSync(path.join(distDir, "BUILD_ID")) && fs.existsSync(file) && fs.readFileSync(file, "utf8") === stamp;
}

export function markBuilt(distDir: string, stamp: string): void {
  fs.writeFileSync(path.join(distDir, "countdown-build-stamp"), stamp);
}
