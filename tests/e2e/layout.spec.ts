import type { Page } from '@playwright/test';
import { accessibilityViolations, expect, test } from './fixtures.ts';

const pages = [
  { name: 'home', path: './' },
  { name: 'lesson 1', path: 'lessons/what-is-a-statefulset/' },
  { name: 'lesson 2', path: 'lessons/ordered-pods/' },
];

/** Widest element overflow, so a test can say which element broke the layout. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.describe('phone layout (360 px)', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const { name, path } of pages) {
    test(`${name} fits without sideways scrolling`, async ({ page }) => {
      await page.goto(path);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    });
  }

  test('the lesson list folds behind the Lessons button', async ({ page }) => {
    await page.goto('lessons/what-is-a-statefulset/');
    const sidebar = page.getByRole('navigation', { name: 'Lessons' });
    const button = page.getByRole('button', { name: 'Lessons' });
    await expect(sidebar).toBeHidden();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await button.click();
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await expect(sidebar).toBeVisible();
    await sidebar.getByRole('link', { name: /One at a time/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('One at a time');
    // Escape closes it again and returns focus to the button.
    await button.click();
    await page.keyboard.press('Escape');
    await expect(sidebar).toBeHidden();
    await expect(button).toBeFocused();
  });
});

test.describe('wide layout', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test('the lesson list stays beside the lesson and the menu button is hidden', async ({
    page,
  }) => {
    await page.goto('lessons/what-is-a-statefulset/');
    await expect(page.getByRole('navigation', { name: 'Lessons' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lessons' })).toBeHidden();
    const sidebarBox = await page.getByRole('navigation', { name: 'Lessons' }).boundingBox();
    const articleBox = await page.locator('article').boundingBox();
    expect(sidebarBox && articleBox && sidebarBox.x + sidebarBox.width <= articleBox.x).toBe(true);
  });
});

test('keyboard users can skip straight to the content', async ({ page }) => {
  await page.goto('lessons/what-is-a-statefulset/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test.describe('accessibility (axe-core)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const { name, path } of [...pages, { name: '404', path: 'missing-page/' }]) {
      test(`${name} has no violations in the ${scheme} theme`, async ({ page, problems }) => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(path);
        problems.forget((message) => message.includes('404'));
        expect(await accessibilityViolations(page)).toEqual([]);
      });
    }
  }
});
