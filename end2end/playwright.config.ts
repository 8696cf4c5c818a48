import { defineConfig, devices } from "@playwright/test";

// The server binary and site folder come from `make e2e`; each run starts the real server on a fresh
// in-memory database in demo mode: tests sign in with the demo accounts (one per role).
const port = Number(process.env.E2E_PORT ?? 3210);
const server = process.env.SERVER_BIN ?? "../target/debug/server";
const siteRoot = process.env.SITE_ROOT ?? "../target/site";
// Photos the tests upload are stored here, outside the checkout.
const dataDir = process.env.E2E_DATA_DIR ?? `/tmp/afterdesk-e2e-data-${port}`;

export default defineConfig({
  testDir: "./tests",
  // Generous: a 2-core CI machine that is busy elsewhere runs the debug server several times slower.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    // A click or fill that finds nothing fails in 20 s with its locator named, instead of waiting
    // out the whole test.
    actionTimeout: 20_000,
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } } },
  ],
  webServer: {
    command: `${server} --bind 127.0.0.1:${port} --database-url mem:// --site-root ${siteRoot} --log-level warn --demo-data --data-dir ${dataDir}`,
    url: `http://127.0.0.1:${port}/health`,
    reuseExistingServer: false,
    // Generous: a 2-core CI machine that is busy elsewhere runs the debug server several times slower.
  timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
