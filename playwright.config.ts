import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from './tests/e2e/browser.mjs';

/**
 * End-to-end tests run against the built site, served as plain static files, twice: once built
 * for the root of a host and once for a sub-path, so every link and asset must honour `base`.
 * `npm run test:e2e` builds both variants first, and picks free ports for the servers, so a second
 * checkout can run its tests on the same machine at the same time.
 */
const rootPort = Number(process.env['STS_LAB_E2E_ROOT_PORT'] ?? 4391);
const subpathPort = Number(process.env['STS_LAB_E2E_SUBPATH_PORT'] ?? 4392);
const executablePath = process.env['CHROMIUM_PATH'] ?? findChromium();

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env['CI']),
  retries: 0,
  workers: 2,
  reporter: process.env['CI'] ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    trace: 'retain-on-failure',
    launchOptions: {
      args: chromiumArgs,
      ...(executablePath ? { executablePath } : {}),
    },
  },
  projects: [
    { name: 'root', use: { baseURL: `http://127.0.0.1:${rootPort}/` } },
    {
      name: 'subpath',
      use: { baseURL: `http://127.0.0.1:${subpathPort}/statefulset-lab/` },
      // What a sub-path can break: links and assets (site), the editor's workers (editor), and
      // what is stored per page path (files, rewind history in IndexedDB, lesson Run buttons).
      // The rest of the suite would only repeat the root build's results at twice the cost.
      testMatch: [
        'site.spec.ts',
        'editor.spec.ts',
        'files.spec.ts',
        'history.spec.ts',
        'offline.spec.ts',
        'run.spec.ts',
        'progress.spec.ts',
      ],
    },
  ],
  webServer: [
    {
      command: `node tests/e2e/static-server.mjs --dir dist --port ${rootPort} --base /`,
      url: `http://127.0.0.1:${rootPort}/`,
      reuseExistingServer: false,
    },
    {
      command: `node tests/e2e/static-server.mjs --dir dist-subpath --port ${subpathPort} --base /statefulset-lab/`,
      url: `http://127.0.0.1:${subpathPort}/statefulset-lab/`,
      reuseExistingServer: false,
    },
  ],
});
