// Debian's redis-server, used to exercise the Redis queue backend in tests. Started on a free loopback port
// with persistence off: the tests want a clean server per run, never the machine's own Redis.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { freePort } from "./embedded-postgres";

export type RedisServer = { url: string; stop(): Promise<void> };

const INSTALL_HINT = "sudo apt-get install -y redis-server";

function findExecutable(name: string): string | null {
  // /usr/sbin and /usr/bin are added because a minimal PATH (cron, some containers) may lack them.
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/bin", "/usr/sbin"];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (dir && fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function runVisibly(command: string, args: string[]): void {
  console.log(`[redis] $ ${command} ${args.join(" ")}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (result.status !== 0) throw new Error(`\`${command} ${args.join(" ")}\` failed with exit code ${result.status}`);
}

function installRedisServer(): string {
  if (process.getuid?.() !== 0) throw new Error(INSTALL_HINT);
  console.log("[redis] redis-server is not installed; installing Debian's package (needed for the Redis queue backend tests)");
  runVisibly("apt-get", ["update"]);
  runVisibly("apt-get", ["install", "-y", "redis-server"]);
  stopPackagedService();
  const installed = findExecutable("redis-server");
  if (!installed) throw new Error("apt-get installed redis-server but it is not on PATH");
  return installed;
}

/** The package's postinst may start a system-wide Redis on 6379; we never use it, so it should not linger. */
function stopPackagedService(): void {
  const stopped = spawnSync("service", ["redis-server", "stop"], { stdio: "inherit" });
  if (stopped.status === 0) return;
  const pidFile = "/run/redis/redis-server.pid";
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, "SIGTERM");
    console.log(`[redis] stopped the packaged redis-server (pid ${pid})`);
  } catch (error) {
    console.warn(`[redis] could not stop the packaged redis-server (pid ${pid}): ${(error as Error).message}`);
  }
}

/** Sends one inline command and resolves with the first reply line; rejects when nothing listens. */
function sendCommand(port: number, command: string, timeoutMs = 1_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let reply = "";
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no reply to ${command} within ${timeoutMs} ms`)));
    socket.once("connect", () => socket.write(`${command}\r\n`));
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      if (reply.includes("\r\n")) {
        socket.end();
        resolve(reply.split("\r\n")[0]);
      }
    });
    // SHUTDOWN closes the connection without replying, which is its success.
    socket.once("end", () => resolve(reply.split("\r\n")[0]));
    socket.once("error", reject);
  });
}

async function waitForPong(port: number, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode} (see ${logFile})`);
    const reply = await sendCommand(port, "PING").then(
      (line) => line,
      () => "",
    );
    if (reply === "+PONG") return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`redis-server did not answer PING on port ${port} within 15 s (see ${logFile})`);
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startRedisServer(dataDir: string): Promise<RedisServer> {
  const binary = findExecutable("redis-server") ?? installRedisServer();
  fs.mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const logFile = path.join(dataDir, "redis.log");
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dataDir, "--daemonize", "no", "--logfile", logFile];
  const child = spawn(binary, args, { stdio: "ignore" });
  await waitForPong(port, child, logFile);

  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (await exited(child, 0)) return;
      await sendCommand(port, "SHUTDOWN NOSAVE").then(
        () => undefined,
        (error: Error) => console.warn(`[redis] SHUTDOWN NOSAVE failed (${error.message}); sending SIGTERM`),
      );
      if (await exited(child, 5_000)) return;
      child.kill("SIGTERM");
      if (await exited(child, 5_000)) return;
      child.kill("SIGKILL");
      await exited(child, 5_000);
    },
  };
}
