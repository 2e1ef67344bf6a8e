#!/usr/bin/env node
// Builds the site twice (for the root of a host and for a sub-path), makes sure a Chromium is
// available, then runs the Playwright suite against both builds served as static files. After it,
// the engine suite (tests/engines/) runs the workspace in Firefox and WebKit against the root build,
// with Debian's firefox-esr and webkit2gtk-driver (installed here when we are root and they are
// missing). STS_LAB_ENGINES=chromium skips the engine suite on purpose.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './browser.mjs';
import { enginesOptedOut, ensureEngines } from '../engines/engine-browsers.mjs';

/** Runs a command, streaming its output, and stops this script if it fails. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const chromiumPath = ensureChromium();
const extraArgs = process.argv.slice(2);
const engines = !enginesOptedOut();
if (engines) {
  try {
    ensureEngines();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

if (!process.env.SKIP_BUILD) {
  run('npx', ['astro', 'build'], { BASE_PATH: '/', OUT_DIR: './dist' });
  run('npx', ['astro', 'build'], {
    BASE_PATH: '/statefulset-lab/',
    OUT_DIR: './dist-subpath',
  });
}
run(
  'npx',
  ['playwright', 'test', ...extraArgs],
  chromiumPath ? { CHROMIUM_PATH: chromiumPath } : {},
);
if (engines) {
  run(process.execPath, ['--test-reporter=spec', 'tests/engines/smoke.ts']);
} else {
  console.log(
    'STS_LAB_ENGINES=chromium: skipped the Firefox and WebKit engine suite (tests/engines/).',
  );
}
