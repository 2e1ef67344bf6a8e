// Finds (and, as root on Debian, installs) the Firefox and WebKit engines the engine suite drives.
// Playwright cannot download its own Firefox or WebKit builds here (no route to its CDN), and its
// Firefox-over-BiDi channel needs a newer Firefox than Debian's ESR, so the suite uses Debian's
// packages: firefox-esr (driven over WebDriver BiDi by puppeteer-core) and webkit2gtk-driver
// (WebKitWebDriver, W3C WebDriver for WebKitGTK's MiniBrowser), which needs an X server: Xvfb.
import { accessSync, constants, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** The Debian packages the suite needs. */
export const enginePackages = ['firefox-esr', 'webkit2gtk-driver', 'xvfb'];

/** The command that installs them, for messages. */
export const installCommand = `sudo apt-get install -y ${enginePackages.join(' ')}`;

/** Set STS_LAB_ENGINES=chromium to run only the Chromium suite (an explicit opt-out). */
export function enginesOptedOut() {
  return (process.env.STS_LAB_ENGINES ?? '').trim().toLowerCase() === 'chromium';
}

/** The first candidate that is an executable file. @param {Array<string | undefined>} candidates @returns {string | undefined} */
function firstExisting(candidates) {
  return candidates.find((candidate) => {
    if (!candidate) return false;
    try {
      accessSync(candidate, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Firefox (ESR or release) binary, or undefined. @returns {string | undefined} */
export function findFirefox() {
  return firstExisting([
    process.env.FIREFOX_PATH,
    '/usr/bin/firefox-esr',
    '/usr/lib/firefox-esr/firefox-esr',
    '/usr/bin/firefox',
  ]);
}

/** WebKitGTK's WebDriver server, or undefined. @returns {string | undefined} */
export function findWebKitDriver() {
  return firstExisting([process.env.WEBKIT_WEBDRIVER_PATH, '/usr/bin/WebKitWebDriver']);
}

/** The Xvfb X server, or undefined. @returns {string | undefined} */
export function findXvfb() {
  return firstExisting(['/usr/bin/Xvfb']);
}

/** What is missing, as Debian package names. @returns {string[]} */
export function missingEnginePackages() {
  const missing = [];
  if (!findFirefox()) missing.push('firefox-esr');
  if (!findWebKitDriver()) missing.push('webkit2gtk-driver');
  // With a display of its own (a desktop session) WebKit can do without Xvfb.
  if (!findXvfb() && !process.env.DISPLAY) missing.push('xvfb');
  return missing;
}

/**
 * Makes sure Firefox, WebKitWebDriver and Xvfb exist: installs the Debian packages when running
 * as root with apt-get, as CI does; otherwise throws an error that says what to install.
 */
export function ensureEngines() {
  let missing = missingEnginePackages();
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Engine suite: installing Debian packages ${missing.join(' ')} (apt-get)…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
      stdio: 'inherit',
      env,
    });
    missing = missingEnginePackages();
    if (missing.length === 0) return;
  }
  const rule = '='.repeat(78);
  throw new Error(
    [
      '',
      rule,
      `The Firefox and WebKit engine tests need: ${missing.join(', ')}.`,
      'Install them (Debian/Ubuntu) and run the tests again:',
      '',
      `    ${installCommand}`,
      '',
      'Or point FIREFOX_PATH / WEBKIT_WEBDRIVER_PATH at your own binaries.',
      'To run only the Chromium suite on purpose, set STS_LAB_ENGINES=chromium.',
      rule,
    ].join('\n'),
  );
}
