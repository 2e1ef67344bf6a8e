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
