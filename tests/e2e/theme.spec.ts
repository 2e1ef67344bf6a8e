import { expect, test } from './fixtures.ts';

import type { Page } from '@playwright/test';

/** The page background the reader sees (the root element paints it). */
const rootBackground = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

test('auto follows the operating system', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('auto');
  expect(await rootBackground(page)).toBe('rgb(17, 20, 26)');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await rootBackground(page)).toBe('rgb(255, 255, 255)');
});

test('the theme choice persists across reloads and pages', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  const select = page.getByRole('combobox', { name: 'Theme' });
  await select.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await rootBackground(page)).toBe('rgb(17, 20, 26)');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  expect(await rootBackground(page)).toBe('rgb(17, 20, 26)');

  await page.goto('lessons/what-is-a-statefulset/');
  expect(await rootBackground(page)).toBe('rgb(17, 20, 26)');

  // Back to auto: the OS (light here) decides again, also after a reload.
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('auto');
  await page.reload();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
  expect(await rootBackground(page)).toBe('rgb(255, 255, 255)');
});

test('a forced light theme wins over a dark OS', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
  await page.reload();
  expect(await rootBackground(page)).toBe('rgb(255, 255, 255)');
});
