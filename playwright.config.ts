import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, TIME_ZONE, chromiumExecutablePath } from './test/support/chromium';

const port = Number(process.env.E2E_PORT ?? 4179);
// The test processes (which compute the expectations) run in the same zone as the pages.
process.env.TZ = TIME_ZONE;

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  // Two: the suite passed whole with two under a load average of 10–14 on two cores (22.9 min
  // there, against ≈11 min with one on CI's quiet machine before eight specs were added).
  // E2E_WORKERS=1 for a machine that cannot take it.
  workers: Number(process.env.E2E_WORKERS) || 2,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    viewport: { width: 1440, height: 900 },
    timezoneId: TIME_ZONE,
    launchOptions: { executablePath: chromiumExecutablePath(), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `node scripts/serve.mjs`,
    env: { PORT: String(port), BUILD_DIR: process.env.BUILD_DIR ?? 'build' },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
  metadata: { port },
});
