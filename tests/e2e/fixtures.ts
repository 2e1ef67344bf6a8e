import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** What the page said on the console or threw, collected for every test. */
interface PageProblems {
  /** Console errors and uncaught exceptions, as text. */
  errors: string[];
  /** Requests that left the local test server (the site must never reach the network). */
  externalRequests: string[];
  /** Forget problems a test provoked on purpose (such as loading a missing page). */
  forget(predicate: (message: string) => boolean): void;
}

/**
 * The project's test: every page is watched for console errors, uncaught exceptions and requests
 * to anything but the local server, and a test fails if any of them happened.
 */
export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1/').origin;
      const problems: PageProblems = {
        errors: [],
        externalRequests: [],
        forget(predicate) {
          this.errors = this.errors.filter((message) => !predicate(message));
        },
      };
      page.on('console', (message) => {
        if (message.type() === 'error') {
          problems.errors.push(`${message.text()} (${message.location().url})`);
        }
      });
      page.on('pageerror', (error) => problems.errors.push(`uncaught: ${error.message}`));
      await page.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) {
          await route.continue();
        } else {
          problems.externalRequests.push(url);
          await route.abort();
        }
      });
      await use(problems);
      expect(problems.errors, 'console errors').toEqual([]);
      expect(problems.externalRequests, 'requests that left the site').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Runs axe-core (WCAG 2.x A and AA rules) on the page and returns a readable list of violations. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} — ${violation.nodes
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}

/** The site's base path for the running project (`/` or `/statefulset-lab/`). */
export function basePath(baseURL: string | undefined): string {
  return new URL(baseURL ?? 'http://127.0.0.1/').pathname;
}
