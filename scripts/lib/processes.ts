// Child processes for `npm start` / `npm run dev`: each in its own process group, so a terminal Ctrl-C
// reaches only us and we stop them in order (web and worker first, the database last). A supervised service
// that dies is started again with backoff; one that keeps dying right after its start is given up on.
import { spawn, type ChildProcess } from "node:child_process";

/**
 * The web process's arguments to node (scripts/web.ts): Next.js, with the live stream written straight onto its
 * sockets. Run from the repository root.
 */
export function webArgs(port: number, options: { dev?: boolean; hostname?: string } = {}): string[] {
  const args = ["--conditions=react-server", "--import", "tsx", "scripts/web.ts", "-p", String(port)];
  if (options.dev) args.push("--dev");
  if (options.hostname) args.push("-H", options.hostname);
  return args;
}

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
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : null)));
    // Not started at all (a missing executable): unheard, this 'error' event would end npm start.
    child.on("error", (error) => {
      process.stdout.write(prefix(`could not start: ${error.message}`) + "\n");
      resolve(127);
    });
  });
  return { name, child, exited };
}

function signalGroup(pid: number | undefined, sig: NodeJS.Signals): void {
  try {
    if (pid) process.kill(-pid, sig);
  } catch {
    // already gone
  }
}

/** SIGTERM to the service's process group; SIGKILL after `graceMs`. */
export async function stopService(service: Service, graceMs: number): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  signalGroup(service.child.pid, "SIGTERM");
  const timer = setTimeout(() => signalGroup(service.child.pid, "SIGKILL"), graceMs);
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

export type RestartPolicy = {
  /** First delay before a restart; doubled after each quick failure, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A run shorter than this counts as a quick failure; a longer one resets the backoff. */
  quickMs: number;
  /** Quick failures in a row after which the service is given up on. */
  maxQuickFailures: number;
};

export const DEFAULT_RESTART: RestartPolicy = { firstDelayMs: 1_000, maxDelayMs: 30_000, quickMs: 30_000, maxQuickFailures: 8 };

/** What the supervisor does after a service ended unasked: wait `delayMs` and start it again, or give up. */
export function nextRestart(policy: RestartPolicy, quickFailures: number): { giveUp: true } | { giveUp: false; delayMs: number } {
  if (quickFailures >= policy.maxQuickFailures) return { giveUp: true };
  return { giveUp: false, delayMs: Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, quickFailures - 1)) };
}

export type Supervised = {
  readonly name: string;
  /** The service as it runs now (a new one after each restart). */
  current(): Service;
  restarts(): number;
  /** Stops it for good: no restart after this. */
  stop(graceMs: number): Promise<void>;
};

/**
 * Runs `start()` and starts it again whenever it exits without being asked to, after a backoff; each restart
 * is a log line. After `maxQuickFailures` exits in a row that each came within `quickMs` of their start,
 * `onGiveUp` is called (npm start then stops everything, saying why).
 */
export function supervise(
  name: string,
  start: () => Service,
  log: (line: string) => void,
  onGiveUp: (reason: string) => void,
  policy: RestartPolicy = DEFAULT_RESTART,
): Supervised {
  let service = start();
  let startedAt = Date.now();
  let stopped = false;
  let quickFailures = 0;
  let restarts = 0;
  let pending: NodeJS.Timeout | null = null;

  const watch = (s: Service) => {
    void s.exited.then((code) => {
      if (stopped || s !== service) return;
      // Whatever it forked (Next.js's workers, a command's children) goes with it, so the new one finds its port free.
      signalGroup(s.child.pid, "SIGKILL");
      const ranMs = Date.now() - startedAt;
      quickFailures = ranMs < policy.quickMs ? quickFailures + 1 : 1;
      const next = nextRestart(policy, quickFailures);
      if (next.giveUp) {
        onGiveUp(`${name} exited with code ${code} ${quickFailures} times in a row, each within ${policy.quickMs / 1000} s of its start; giving up on it`);
        return;
      }
      log(
        `${name} exited with code ${code} after ${(ranMs / 1000).toFixed(1)} s; restarting it in ${(next.delayMs / 1000).toFixed(0)} s (restart ${restarts + 1})`,
      );
      pending = setTimeout(() => {
        pending = null;
        if (stopped) return;
        restarts++;
        service = start();
        startedAt = Date.now();
        watch(service);
      }, next.delayMs);
    });
  };
  watch(service);

  return {
    name,
    current: () => service,
    restarts: () => restarts,
    async stop(graceMs) {
      stopped = true;
      if (pending) clearTimeout(pending);
      await stopService(service, graceMs);
    },
  };
}
