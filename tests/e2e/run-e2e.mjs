#!/usr/bin/env node
// Builds the site twice (for the root of a host and for a sub-path), makes sure a Chromium is
// available, then runs the Playwright suite against both builds served as static files.
import { spawnSync } from 'node:child_process';
import { ensureChromium } from './browser.mjs';

/** Runs a command, streaming its output, and stops this script if it fails. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const chromiumPath = ensureChromium();
const extraArgs = process.argv.slice(2);

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
