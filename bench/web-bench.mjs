#!/usr/bin/env node
// Browser benchmarks of the built site (run `npm run build` first, or use `npm run bench:web`,
// which builds). Prints: JavaScript shipped before any interaction (gzip), time until the
// workspace's editor and cluster are usable, and frame times while db-cluster scales 0 → 100.
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from '../tests/e2e/browser.mjs';

const port = 4397;
const server = spawn(
  process.execPath,
  ['tests/e2e/static-server.mjs', '--dir', 'dist', '--port', String(port)],
  {
    stdio: 'ignore',
  },
);
await new Promise((resolve) => setTimeout(resolve, 500));
const base = `http://127.0.0.1:${port}/`;
const executablePath = findChromium();
const browser = await chromium.launch({
  args: chromiumArgs,
  ...(executablePath ? { executablePath } : {}),
});

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

try {
  // 1. JavaScript a lesson page needs before it is interactive (its own module scripts), and the
  //    workspace's code, which loads after that, lazily, when the workspace comes into view.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const scripts = new Map();
  let domReady = false;
  const eager = new Set();
  page.on('response', async (response) => {
    const url = response.url();
    if (response.request().resourceType() !== 'script' && !url.endsWith('.js')) return;
    if (!domReady) eager.add(url);
    try {
      scripts.set(url, gzipSync(await response.body()).length);
    } catch {
      // a response without a body (redirect): nothing shipped
    }
  });
  page.on('domcontentloaded', () => (domReady = true));
  const t0 = Date.now();
  await page.goto(`${base}lessons/ordered-pods/`);
  await page.waitForSelector('sts-workspace[data-ready]', { timeout: 60_000 });
  const usable = Date.now() - t0;
  await page.waitForLoadState('networkidle');
  const sum = (urls) => urls.reduce((total, url) => total + (scripts.get(url) ?? 0), 0);
  const eagerBytes = sum([...eager]);
  const lazyBytes = sum([...scripts.keys()].filter((url) => !eager.has(url)));
  console.log(
    `lesson page, JavaScript before interaction: ${(eagerBytes / 1024).toFixed(1)} KiB gzip in ${eager.size} files`,
  );
  console.log(
    `workspace code loaded lazily (simulator, kubectl, Monaco, xterm): ${(lazyBytes / 1024).toFixed(1)} KiB gzip`,
  );
  console.log(
    `time from navigation until the editor, terminal and cluster are usable: ${usable} ms`,
  );
  await context.close();

  // 3. Frame times while scaling 0 → 100 (Parallel) at 20×.
  const sandbox = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 } })
  ).newPage();
  await sandbox.goto(`${base}sandbox/`);
  await sandbox.waitForSelector('sts-workspace[data-ready]', { timeout: 60_000 });
  await sandbox.selectOption('[data-speed]', process.env.BENCH_SPEED ?? '20');
  await sandbox.locator('.view-lines').click();
  await sandbox.keyboard.press('Control+Home');
  for (let i = 1; i < 24; i++) await sandbox.keyboard.press('ArrowDown');
  await sandbox.keyboard.press('End');
  await sandbox.keyboard.press('Shift+Home');
  await sandbox.keyboard.type('replicas: 100');
  await sandbox.keyboard.press('Enter');
  await sandbox.keyboard.type('podManagementPolicy: Parallel');
  await sandbox.evaluate(() => {
    const frames = [];
    let last = performance.now();
    const tick = (now) => {
      frames.push(now - last);
      last = now;
      if (frames.length < 100_000) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    Object.assign(window, { __frames: frames });
  });
  const started = Date.now();
  await sandbox.click('[data-apply]');
  await sandbox.waitForFunction(
    () => document.querySelectorAll('.ordinal[data-state="ready"]').length === 100,
    null,
    {
      timeout: 120_000,
    },
  );
  const elapsed = Date.now() - started;
  const frames = (await sandbox.evaluate(() => window.__frames)).slice(2);
  console.log(
    `scale 0 → 100 (Parallel, 20×): all Ready after ${elapsed} ms real; ${frames.length} frames, ` +
      `frame time p50 ${percentile(frames, 50).toFixed(1)} ms, p95 ${percentile(frames, 95).toFixed(1)} ms, ` +
      `max ${Math.max(...frames).toFixed(1)} ms (slowest: ${[...frames]
        .sort((a, b) => b - a)
        .slice(0, 5)
        .map((f) => f.toFixed(0))
        .join(', ')})`,
  );
} finally {
  await browser.close();
  server.kill();
}
