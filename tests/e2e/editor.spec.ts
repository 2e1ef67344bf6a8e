import type { Locator, Page } from '@playwright/test';
import { accessibilityViolations, expect, test } from './fixtures.ts';

const lesson = 'lessons/what-is-a-statefulset/';

/** Scrolls the manifest editor into view and waits until Monaco has replaced the static code. */
async function openEditor(page: Page): Promise<Locator> {
  const editor = page.locator('manifest-editor');
  await editor.scrollIntoViewIfNeeded();
  await expect(editor).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  return editor;
}

/**
 * Replaces the text of one line (after its indentation) by typing, as a learner would: go to the
 * top, down to the line, select from its first character to its end, type.
 */
async function replaceLine(page: Page, editor: Locator, line: number, text: string): Promise<void> {
  await editor.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text);
}

test('the manifest editor checks the file against the Kubernetes schema', async ({ page }) => {
  await page.goto(lesson);
  // Before Monaco loads, the file is already on the page as highlighted code.
  await expect(page.locator('manifest-editor pre')).toContainText('serviceName: db-service');

  const editor = await openEditor(page);
  const status = editor.getByRole('status');
  await expect(status).toHaveText('No problems found.');
  await expect(editor.locator('.monaco-editor')).toBeVisible();

  await replaceLine(page, editor, 24, 'replica: 3');
  await expect(status).toHaveText('1 problem found:');
  await expect(editor.getByRole('listitem')).toHaveText([/^Line 24, column 3: .*replica/]);
  // yaml-language-server reports unknown properties as warnings: a wavy underline in the text.
  await expect(editor.locator('.squiggly-warning')).toHaveCount(1);
  await expect(editor.getByRole('button', { name: 'Reset to the original' })).toBeEnabled();
});

test('edits survive a reload, and Reset brings the original back', async ({ page }) => {
  await page.goto(lesson);
  let editor = await openEditor(page);
  await replaceLine(page, editor, 24, 'replicas: 5');
  await expect(editor.locator('.view-lines')).toContainText('replicas: 5');

  await page.reload();
  editor = await openEditor(page);
  await expect(editor.locator('.view-lines')).toContainText('replicas: 5');

  await editor.getByRole('button', { name: 'Reset to the original' }).click();
  await expect(editor.locator('.view-lines')).toContainText('replicas: 3');
  await expect(editor.getByRole('status')).toHaveText('No problems found.');
  await expect(editor.getByRole('button', { name: 'Reset to the original' })).toBeDisabled();
  await page.reload();
  editor = await openEditor(page);
  await expect(editor.locator('.view-lines')).toContainText('replicas: 3');
});

test('an unknown value is flagged with the allowed values', async ({ page }) => {
  await page.goto(lesson);
  const editor = await openEditor(page);
  await replaceLine(page, editor, 11, 'type: Headless');
  await expect(editor.getByRole('listitem')).toHaveText([/^Line 11, column 9: .*"ClusterIP"/]);
});

test('the editor follows the site theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(lesson);
  const editor = await openEditor(page);
  await expect(editor.locator('.monaco-editor')).toHaveClass(/\bvs\b/);
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(editor.locator('.monaco-editor')).toHaveClass(/vs-dark/);
});

test('the lesson with a loaded editor has no accessibility violations', async ({ page }) => {
  await page.goto(lesson);
  await openEditor(page);
  expect(await accessibilityViolations(page)).toEqual([]);
});
