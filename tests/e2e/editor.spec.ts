import type { Locator, Page } from '@playwright/test';
import { accessibilityViolations, expect, test } from './fixtures.ts';
import { replaceLine } from './workspace-helpers.ts';

const lesson = 'lessons/what-is-a-statefulset/';

/** Opens lesson 1 and waits until its workspace's editor (Monaco) has replaced the static code. */
async function openEditor(page: Page): Promise<Locator> {
  await page.goto(lesson);
  const workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  return workspace;
}

test('the lesson shows the manifest before the editor loads', async ({ page }) => {
  await page.goto(lesson);
  await expect(page.locator('sts-workspace pre').first()).toContainText('serviceName: db-service');
});

test('the editor checks the file against the Kubernetes schema', async ({ page }) => {
  const workspace = await openEditor(page);
  const status = workspace.locator('[data-problems-status]');
  await expect(status).toHaveText('No problems found.');
  await expect(workspace.locator('.monaco-editor')).toBeVisible();

  await replaceLine(page, workspace, 24, 'replica: 3');
  await expect(status).toHaveText(/^[12] problems? found:$/);
  // The schema (a warning from the YAML checker) and the API server's dry run (an error) both
  // point at the misspelled key.
  await expect(workspace.locator('[data-problems] li')).toContainText([
    /^Line 24, column 3: .*replica/,
  ]);
  await expect(workspace.locator('.squiggly-warning, .squiggly-error').first()).toBeVisible();
});

test('a value outside the allowed ones is flagged with the allowed values', async ({ page }) => {
  const workspace = await openEditor(page);
  await replaceLine(page, workspace, 11, 'type: Headless');
  await expect(workspace.locator('[data-problems] li').first()).toHaveText(
    /^Line 11, column 9: .*"ClusterIP"/,
  );
});

test('the editor follows the site theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  const workspace = await openEditor(page);
  await expect(workspace.locator('.monaco-editor')).toHaveClass(/\bvs\b/);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(workspace.locator('.monaco-editor')).toHaveClass(/vs-dark/);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`lesson 1 with its workspace loaded has no accessibility violations (${scheme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openEditor(page);
    expect(await accessibilityViolations(page)).toEqual([]);
  });
}
