/**
 * Registers the service worker that keeps the whole site for offline use (written at build time
 * by `src/integrations/offline.ts`). It is registered once the page has loaded, so storing the
 * site never competes with the page itself. Only the built site has one (not `astro dev`).
 *
 * Browsers driven by automation (the test suites, the benchmark) skip it unless the page opts in
 * with the storage key below: otherwise every test would download the whole site again.
 */

/** localStorage key that lets an automated browser register the service worker (value `on`). */
export const OFFLINE_IN_AUTOMATION_KEY = 'statefulset-lab:offline-in-automation';

/** Registers `sw.js` at the site's base, when this browser can and should. */
export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (navigator.webdriver) {
    let optedIn = false;
    try {
      optedIn = localStorage.getItem(OFFLINE_IN_AUTOMATION_KEY) === 'on';
    } catch {
      // storage blocked
    }
    if (!optedIn) return;
  }
  const register = (): void => {
    navigator.serviceWorker.register(`${import.meta.env.BASE_URL}sw.js`).catch(() => {
      // Offline use is a bonus: a browser that refuses (private mode, blocked storage) still has
      // the site online.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
