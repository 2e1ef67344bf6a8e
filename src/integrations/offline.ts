/**
 * The site keeps working without a network once it has been opened: after a build, Workbox writes
 * a service worker (`sw.js` at the site's base) that stores every page, script, style and worker
 * of the build in the browser, so a workshop whose wifi drops can go on with any lesson. Pages
 * and assets are served from that store; a new deploy is fetched in the background and takes
 * over once every tab of the old one is closed, so no open page loses the files it was built with.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { generateSW } from 'workbox-build';

/** The file the service worker is written to, at the root of the build (and so of `base`). */
export const SERVICE_WORKER_FILE = 'sw.js';

/** What the precache holds: every file of the build (fonts such as Monaco's icons included). */
const PRECACHE_PATTERNS = ['**/*'];
/** Except the service worker itself and source maps, which no page loads. */
const PRECACHE_IGNORES = [SERVICE_WORKER_FILE, '**/*.map'];

/**
 * Astro integration that writes the service worker once the static build is done. `base` is the
 * site's base path (`/` or `/statefulset-lab/`), which every precached URL starts with.
 */
export function offline(): AstroIntegration {
  let base = '/';
  return {
    name: 'statefulset-lab:offline',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base.endsWith('/') ? config.base : `${config.base}/`;
      },
      'astro:build:done': async ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const { count, size, warnings } = await generateSW({
          globDirectory: out,
          globPatterns: PRECACHE_PATTERNS,
          globIgnores: PRECACHE_IGNORES,
          swDest: join(out, SERVICE_WORKER_FILE),
          // URLs as the browser asks for them: under the base, `lessons/x/` for `lessons/x/index.html`.
          modifyURLPrefix: { '': base },
          directoryIndex: 'index.html',
          // Monaco's editor chunk is about 3.2 MB.
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
          // Vite's file names carry a content hash already: no revision needed for them.
          dontCacheBustURLsMatching: /\/_astro\//,
          // No file of this site depends on a query string.
          ignoreURLParametersMatching: [/.*/],
          cacheId: 'statefulset-lab',
          cleanupOutdatedCaches: true,
          // One self-contained file: no Workbox runtime fetched from anywhere.
          inlineWorkboxRuntime: true,
          mode: 'production',
          sourcemap: false,
          disableDevLogs: true,
        });
        for (const warning of warnings) logger.warn(warning);
        logger.info(
          `${SERVICE_WORKER_FILE}: ${count} files (${(size / 1024 / 1024).toFixed(1)} MB) kept for offline use`,
        );
      },
    },
  };
}
