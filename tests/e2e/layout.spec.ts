import type { Page } from '@playwright/test';
import { course } from './course.ts';
import { accessibilityViolations, expect, test } from './fixtures.ts';

const pages = [
  { name: 'home', path: './' },
  { name: 'sandbox', path: 'sandbox/' },
  ...course.map((lesson, index) => ({
    name: `lesson ${index + 1}`,
    path: `lessons/${lesson.slug}/`,
  })),
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

  test('tabs switch between the lesson and its workspace', async ({ page }) => {
    await page.goto('lessons/ordered-pods/');
    const lessonTab = page.getByRole('tab', { name: 'Lesson' });
    const workspaceTab = page.getByRole('tab', { name: 'Workspace' });
    await expect(lessonTab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('sts-workspace')).toBeHidden();
    await workspaceTab.click();
    await expect(page.locator('sts-workspace')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
    await expect(page.locator('sts-workspace')).toHaveAttribute('data-ready', '', {
      timeout: 20_000,
    });
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.keyboard.press('ArrowLeft');
    await expect(lessonTab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('the workspace shows one part at a time: editor, terminal or cluster', async ({ page }) => {
    await page.goto('sandbox/');
    const workspace = page.locator('sts-workspace');
    await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
    const parts = workspace.getByRole('tablist', { name: 'Workspace part' });
    await expect(parts.getByRole('tab', { name: 'Editor' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(workspace.locator('.monaco-editor')).toBeVisible();
    await expect(workspace.locator('.xterm')).toBeHidden();
    await workspace.locator('[data-speed]').selectOption('10');
    // Apply shows the terminal, where the command runs, and keeps the keyboard in the tabs.
    await workspace.getByRole('button', { name: /^Apply/ }).click();
    const terminalTab = parts.getByRole('tab', { name: 'Terminal' });
    await expect(terminalTab).toHaveAttribute('aria-selected', 'true');
    await expect(terminalTab).toBeFocused();
    await expect(workspace.locator('.monaco-editor')).toBeHidden();
    await expect(workspace.locator('.xterm-rows')).toContainText(
      'statefulset.apps/db-cluster created',
    );
    // The terminal was fitted to its new width when it appeared: no sideways scrolling.
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // Meanwhile the Cluster tab says that something changed there, and counts ready pods.
    const clusterTab = parts.getByRole('tab', { name: /^Cluster/ });
    await expect(clusterTab).toHaveAttribute('data-unread', '');
    await expect(clusterTab).toHaveAccessibleName(/^Cluster \d\/3 ready \(updated\)$/);
    await expect(terminalTab).not.toHaveAttribute('data-unread');
    await terminalTab.press('ArrowLeft');
    await expect(parts.getByRole('tab', { name: 'Editor' })).toBeFocused();
    await expect(workspace.locator('.monaco-editor')).toBeVisible();

    await clusterTab.click();
    await expect(clusterTab).not.toHaveAttribute('data-unread');
    await expect(workspace.locator('.xterm')).toBeHidden();
    await expect(workspace.locator('.ordinal[data-ordinal="0"]')).toBeVisible();
    await expect(clusterTab).toHaveAccessibleName('Cluster 3/3 ready', { timeout: 20_000 });
    await expect(workspace.getByRole('heading', { name: 'Timeline' })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

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

  test('the editor and the cluster view share the width as the learner sets it, remembered', async ({
    page,
  }) => {
    await page.goto('sandbox/');
    const workspace = page.locator('sts-workspace');
    await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
    const divider = workspace.getByRole('separator', {
      name: 'Resize the editor and the cluster view',
    });
    const editor = workspace.locator('.ws-editor');
    const before = (await editor.boundingBox())?.width ?? 0;
    await divider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await expect(divider).toHaveAttribute('aria-valuenow', '40');
    const after = (await editor.boundingBox())?.width ?? 0;
    expect(after).toBeLessThan(before - 50);
    await page.reload();
    await expect(
      page.getByRole('separator', { name: 'Resize the editor and the cluster view' }),
    ).toHaveAttribute('aria-valuenow', '40');
  });

  test('the workspace sits beside the lesson, and the lesson list opens from the header', async ({
    page,
  }) => {
    await page.goto('lessons/what-is-a-statefulset/');
    const article = await page.locator('article').boundingBox();
    const workspace = await page.locator('sts-workspace').boundingBox();
    expect(article && workspace && article.x + article.width <= workspace.x).toBe(true);
    const sidebar = page.getByRole('navigation', { name: 'Lessons' });
    await expect(sidebar).toBeHidden();
    await page.getByRole('button', { name: 'Lessons' }).click();
    await expect(sidebar).toBeVisible();
  });

  test('the divider resizes the lesson from the keyboard and remembers it', async ({ page }) => {
    await page.goto('lessons/ordered-pods/');
    const divider = page.getByRole('separator', { name: 'Resize the lesson and the workspace' });
    const before = (await page.locator('article').boundingBox())?.width ?? 0;
    await divider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(divider).toHaveAttribute('aria-valuenow', '52');
    const after = (await page.locator('article').boundingBox())?.width ?? 0;
    expect(after).toBeGreaterThan(before + 100);
    await page.reload();
    await expect(divider).toHaveAttribute('aria-valuenow', '52');
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
