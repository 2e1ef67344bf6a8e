/** The reader's theme choice: follow the OS, or force one palette. */
export type ThemeChoice = 'auto' | 'light' | 'dark';

/** localStorage key for the theme choice (also read by the inline script in BaseLayout). */
export const themeStorageKey = 'sts-lab:theme';

/** True when `value` is one of the three theme choices. */
export function isThemeChoice(value: unknown): value is ThemeChoice {
  return value === 'auto' || value === 'light' || value === 'dark';
}

/** The stored choice, or `auto` when nothing (or something unreadable) is stored. */
export function readTheme(): ThemeChoice {
  try {
    const stored = localStorage.getItem(themeStorageKey);
    return isThemeChoice(stored) ? stored : 'auto';
  } catch {
    // Storage can be blocked (privacy settings, sandboxed iframes): fall back to the OS.
    return 'auto';
  }
}

/** Remembers the choice for later visits. */
export function storeTheme(choice: ThemeChoice): void {
  try {
    localStorage.setItem(themeStorageKey, choice);
  } catch {
    // Without storage the choice lasts for this page only.
  }
}

/**
 * Applies a choice to the document. `auto` removes the attribute so the stylesheet's
 * prefers-color-scheme rule decides, including when the OS switches while the page is open.
 */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'auto') root.removeAttribute('data-theme');
  else root.dataset['theme'] = choice;
}

/** True when the page currently shows the dark palette (chosen, or auto with a dark OS). */
export function isDarkTheme(): boolean {
  const forced = document.documentElement.dataset['theme'];
  if (forced === 'dark') return true;
  if (forced === 'light') return false;
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** Calls back when the effective theme may have changed (reader's choice or the OS). */
export function onThemeChange(listener: () => void): () => void {
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const observer = new MutationObserver(listener);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  media.addEventListener('change', listener);
  return () => {
    observer.disconnect();
    media.removeEventListener('change', listener);
  };
}
