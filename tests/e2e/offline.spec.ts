import { OFFLINE_IN_AUTOMATION_KEY } from '../../src/ui/offline.ts';
import { expect, test } from './fixtures.ts';
import { runButton } from './workspace-helpers.ts';

test('after one visit, every lesson and its workspace open without a network', async ({
  page,
  context,
}) => {
  await page.goto('./');
  // Automated browsers skip the service worker unless the page opts in (see src/ui/offline.ts).
  await page.evaluate((key) => localStorage.setItem(key, 'on'), OFFLINE_IN_AUTOMATION_KEY);
  await page.reload();
  // Ready means installed: the whole build is in the browser's store.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  await context.setOffline(true);
  const fromNetwork: string[] = [];
  page.on('response', (response) => {
    if (!response.fromServiceWorker()) fromNetwork.push(response.url());
  });
  // A lesson this browser never opened, with its editor, terminal and simulator code.
  const lesson = await page.goto('lessons/storage/');
  expect(lesson?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Storage');
  const workspace = page.locator('sts-workspace');
  await workspace.scrollIntoViewIfNeeded();
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 30_000 });
  await expect(workspace.locator('.monaco-editor')).toBeVisible();
  // The storage lesson starts with db-cluster running: its claims are there, offline too.
  await runButton(page, 'kubectl get pvc').click();
  await expect(workspace.locator('.xterm-rows')).toContainText('data-volume-db-cluster-0');
  expect(fromNetwork).toEqual([]);
});
