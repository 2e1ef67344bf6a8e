// Helpers the workspace e2e tests share: they act as a learner would (typing in the editor and
// the terminal) and read what the page shows.
import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** Opens the sandbox and waits for the editor and the cluster to be live, at 20× speed. */
export async function openSandbox(page: Page): Promise<Locator> {
  await page.goto('sandbox/');
  const workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  await workspace.getByLabel('Speed').selectOption('20');
  return workspace;
}

/** Replaces one line of the editor (after its indentation) by typing. */
export async function replaceLine(
  page: Page,
  workspace: Locator,
  line: number,
  text: string,
): Promise<void> {
  await workspace.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text);
}

/** The activity log's lines without their timestamps, oldest first (the list shows newest first). */
export async function activity(workspace: Locator): Promise<string[]> {
  const lines = await workspace.locator('[data-activity] li').allInnerTexts();
  return lines.map((line) => line.replace(/^\S+\s/, '')).reverse();
}

/** Moves the editor's cursor to a line, so Monaco renders it (it only draws visible lines). */
export async function showLine(page: Page, workspace: Locator, line: number): Promise<void> {
  await workspace.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
}

/** The terminal's screen lines, trailing spaces removed, blank lines at the end dropped. */
export async function terminalLines(workspace: Locator): Promise<string[]> {
  await workspace.locator('.xterm').scrollIntoViewIfNeeded();
  const rows = await workspace.locator('.xterm-rows > div').allInnerTexts();
  const lines = rows.map((row) => row.replace(/\u00a0/g, ' ').trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Types a command into the terminal and presses Enter. */
export async function typeCommand(page: Page, workspace: Locator, line: string): Promise<void> {
  await workspace.locator('.xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/**
 * The terminal's rows, scrolled into view first: xterm.js stops drawing while the terminal is off
 * screen, as a browser tab would.
 */
export async function seeTerminal(workspace: Locator): Promise<Locator> {
  await workspace.locator('.xterm').scrollIntoViewIfNeeded();
  return workspace.locator('.xterm-rows');
}

/** The card of one ordinal in the cluster view. */
export const card = (workspace: Locator, ordinal: number) =>
  workspace.locator(`.ordinal[data-ordinal="${ordinal}"]`);

/**
 * Clicks the middle of pod `index`'s Ready bar in the timeline (going back to a moment when it
 * was Ready), and waits for the workspace to say it went back.
 */
export async function goBackToReadyBar(
  page: Page,
  workspace: Locator,
  index: number,
): Promise<void> {
  const readyBar = workspace.locator('.timeline-svg rect.band-pod-Ready').nth(index);
  await readyBar.scrollIntoViewIfNeeded();
  const box = await readyBar.boundingBox();
  expect(box).not.toBeNull();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(workspace.getByRole('status').filter({ hasText: /^Back at / })).toBeVisible();
}

/** Drags the rewind slider all the way back (with the keyboard) and checks the cluster is empty. */
export async function goBackToStart(page: Page, workspace: Locator): Promise<void> {
  await workspace.getByRole('slider', { name: 'Go back in time' }).focus();
  await page.keyboard.press('Home');
  await expect(workspace.getByText('No StatefulSets yet.')).toBeVisible();
  // Time pauses at a rewind, and the paused clock shows milliseconds.
  await expect(workspace.locator('[data-clock]')).toHaveText('0:00.000');
}

/** Opens a lesson and waits until its workspace is ready. */
export async function openLesson(page: Page, slug: string): Promise<Locator> {
  await page.goto(`lessons/${slug}/`);
  const workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  return workspace;
}

/** Waits until db-cluster's three pods are Ready in the cluster view (a lesson's scenario). */
export async function seeDbClusterReady(workspace: Locator): Promise<void> {
  for (const ordinal of [0, 1, 2]) {
    await expect(card(workspace, ordinal)).toHaveAttribute('data-state', 'ready', {
      timeout: 30_000,
    });
  }
}

/** A lesson's Run button, by the command it types (the first, when a lesson repeats one). */
export const runButton = (page: Page, command: string): Locator =>
  page.getByRole('button', { name: `Run ${command} in the workspace terminal` }).first();
