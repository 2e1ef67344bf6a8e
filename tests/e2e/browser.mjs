// Finds a Chromium for Playwright. Playwright cannot download its own browser on every machine
// (this project's CI has no route to the browser CDN), so the system Chromium comes first.
import { existsSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';

/** System Chromium binaries, in the order we prefer them. */
const systemCandidates = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
].filter(Boolean);

/** Flags for a quiet, sandbox-free headless run (CI runs as root in a closed network). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The path of a usable Chromium, or undefined to let Playwright use its own installed browser. */
export function findChromium() {
  for (const candidate of systemCandidates) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** True when Playwright's own Chromium build is installed. */
export function hasPlaywrightChromium() {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

/**
 * Makes sure some Chromium exists: Debian's package when we are root on a Debian-like system,
 * otherwise Playwright's own download. Returns the system path, or undefined for Playwright's.
 */
export function ensureChromium() {
  const found = findChromium();
  if (found || hasPlaywrightChromium()) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('No Chromium found: installing Debian package "chromium" (apt-get)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const installed = findChromium();
    if (installed) return installed;
  }
  console.log(
    'No Chromium found: asking Playwright to install its own (npx playwright install chromium)…',
  );
  const result = spawnSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  if (result.status !== 0 || !hasPlaywrightChromium()) {
    throw new Error(
      'Could not find or install Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary, then run the tests again.',
    );
  }
  return undefined;
}
