// System packages the tests need (Debian's chromium and redis-server): installed with apt when we are root,
// otherwise we stop with the exact command to run. Never skipped silently.
import { spawnSync } from "node:child_process";

let aptUpdated = false;

export function onPath(binary: string): string | null {
  const found = spawnSync("sh", ["-c", `command -v ${binary}`], { encoding: "utf8" });
  return found.status === 0 ? found.stdout.trim() : null;
}

export function ensureDebianPackage(binary: string, pkg: string, log: (line: string) => void = console.log): string {
  const existing = onPath(binary);
  if (existing) return existing;
  if (process.getuid?.() !== 0) {
    throw new Error(`${binary} is missing. Install it with:\n\n    sudo apt-get update && sudo apt-get install -y ${pkg}\n`);
  }
  log(`${binary} is missing: installing Debian's ${pkg} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  if (!aptUpdated) {
    const update = spawnSync("apt-get", ["update"], { stdio: "inherit", env });
    if (update.status !== 0) throw new Error("apt-get update failed");
    aptUpdated = true;
  }
  const install = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", pkg], { stdio: "inherit", env });
  if (install.status !== 0) throw new Error(`apt-get install ${pkg} failed`);
  const installed = onPath(binary);
  if (!installed) throw new Error(`${pkg} was installed but ${binary} is still not on PATH`);
  return installed;
}
