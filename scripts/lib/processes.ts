// Child processes for `npm start` / `npm run dev`: each in its own process group, so a terminal Ctrl-C
// reaches only us and we stop them in order (web and worker first, the database last).
import { spawn, type ChildProcess } from "node:child_process";

export type Service = { name: string; child: ChildProcess; exited: Promise<number | null> };

export function startService(name: string, command: string, args: string[], env: Record<string, string | undefined>, cwd: string): Service {
  const child = spawn(command, args, { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (line: string) => `${name.padEnd(6)}| ${line}`;
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop()!;
      for (const line of lines) process.stdout.write(prefix(line) + "\n");
    });
  }
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  return { name, child, exited };
}

/** SIGTERM to the service's process group; SIGKILL after `graceMs`. */
export async function stopService(service: Service, graceMs: number): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-service.child.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await service.exited;
  clearTimeout(timer);
}

/** Whether a process with this pid exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
