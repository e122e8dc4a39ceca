import { defineConfig } from '@playwright/test';

// The real UI against the real core through the browser host, in Debian's Chromium (no browser download here).
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.ts',
  outputDir: 'tests/.artifacts/playwright',
  // The processes' logs start empty and are scanned for the specs' passwords and PINs once every spec has run.
  globalSetup: './tests/e2e/logSetup.ts',
  globalTeardown: './tests/e2e/logScan.ts',
  timeout: 150_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
