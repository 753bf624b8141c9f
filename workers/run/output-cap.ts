// A run's stored output is capped (COUNTDOWN_RUN_OUTPUT_MAX_BYTES, 50 MB by default): a command that prints
// without end must not fill the database. Past the cap one system line says so and later lines are dropped.
import { config } from "@/lib/config";
import type { OutputStream } from "@/workers/steps/step-types";

export function runOutputMaxBytes(): number {
  return config().COUNTDOWN_RUN_OUTPUT_MAX_BYTES;
}

/** Wraps a line sink; counts UTF-8 bytes (plus one per newline) of the lines it lets through. */
export function capOutput(maxBytes: number, push: (stream: OutputStream, line: string) => void) {
  let used = 0;
  let truncated = false;
  return {
    push(stream: OutputStream, line: string) {
      if (truncated) return;
      used += Buffer.byteLength(line, "utf8") + 1;
      if (used <= maxBytes) return push(stream, line);
      truncated = true;
      push("system", `output truncated: this run printed more than ${formatBytes(maxBytes)}; later lines are not stored (the command keeps running)`);
    },
    get truncated() {
      return truncated;
    },
  };
}

const formatBytes = (n: number) => (n >= 1024 * 1024 ? `${+(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`);
