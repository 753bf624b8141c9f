import { defineConfig, devices } from "@playwright/test";
import path from "node:path";

// The e2e server: the real app (production build, embedded PostgreSQL, one worker) on its own data dir and port.
const port = Number(process.env.E2E_PORT ?? 3197);
export const E2E_DATA_DIR = path.resolve(process.env.E2E_DATA_DIR ?? ".countdown-test/e2e");
export const E2E_PASSWORD = "e2e-demo-password";

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node --conditions=react-server --import tsx scripts/start.ts",
    url: `http://localhost:${port}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      PORT: String(port),
      COUNTDOWN_DATA_DIR: E2E_DATA_DIR,
      COUNTDOWN_DEMO_PASSWORD: E2E_PASSWORD,
      COUNTDOWN_RESET_DATA: "1",
      NEXT_TELEMETRY_DISABLED: "1",
      // The notifications spec posts to a receiver on this machine, which the SSRF guard refuses otherwise.
      COUNTDOWN_WEBHOOK_ALLOW_HOSTS: "127.0.0.1,localhost",
    },
  },
});
