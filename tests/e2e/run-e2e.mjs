#!/usr/bin/env node
// Builds the site twice (for the root of a host and for a sub-path), makes sure a Chromium is
// available, then runs the Playwright suite against both builds served as static files. After it,
// the engine suite (tests/engines/) runs the workspace in Firefox and WebKit against the root build,
// with Debian's firefox-esr and webkit2gtk-driver (installed here when we are root and they are
// missing). STS_LAB_ENGINES=chromium skips the engine suite on purpose.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { ensureChromium } from './browser.mjs';
import { enginesOptedOut, ensureEngines } from '../engines/engine-browsers.mjs';

/** Runs a command, streaming its output, and stops this script if it fails. */
function run(command, args, env = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * `count` distinct ports nothing listens on now (the servers of another checkout's test run may
 * be up): all are held open until each is known, so none is handed out twice.
 */
async function freePorts(count) {
  const probes = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const probe = createServer();
          probe.once('error', reject);
          probe.listen(0, '127.0.0.1', () => resolve(probe));
        }),
    ),
  );
  const chosen = probes.map((probe) => String(probe.address().port));
  await Promise.all(probes.map((probe) => new Promise((resolve) => probe.close(resolve))));
  return chosen;
}
// Chosen here unless set, and handed to Playwright's config and the engine suite.
const [rootPort, subpathPort, enginesPort] = await freePorts(3);
const ports = {
  STS_LAB_E2E_ROOT_PORT: process.env.STS_LAB_E2E_ROOT_PORT ?? rootPort,
  STS_LAB_E2E_SUBPATH_PORT: process.env.STS_LAB_E2E_SUBPATH_PORT ?? subpathPort,
  STS_LAB_ENGINES_PORT: process.env.STS_LAB_ENGINES_PORT ?? enginesPort,
};
Object.assign(process.env, ports);

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
