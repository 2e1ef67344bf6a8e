import { accessibilityViolations, expect, test } from './fixtures.ts';

const lesson = 'lessons/ordered-pods/';

test('a lesson’s checks tick themselves as the cluster comes true, and count as progress', async ({
  page,
}) => {
  await page.goto(lesson);
  const workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  await workspace.getByLabel('Speed').selectOption('20');
  const threeReady = page.locator('[data-check-id="three-ready"]');
  const fiveReady = page.locator('[data-check-id="five-ready"]');
  const sidebarMark = page.locator('#lesson-sidebar [data-progress-for="ordered-pods"]');
  await expect(threeReady).toHaveAttribute('data-state', 'pending');
  await expect(threeReady).toContainText('Not done yet:');
  await expect(sidebarMark).toHaveText('');

  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(threeReady).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(threeReady).toContainText('Done:');
  await expect(page.getByRole('status').filter({ hasText: 'Check passed:' })).toContainText(
    'db-cluster runs with three Ready pods, created in order. 2 to go.',
  );
  // Scaling to 5 is a later step: that check has not passed.
  await expect(fiveReady).toHaveAttribute('data-state', 'pending');
  // The lesson list shows the progress at once, in words for screen readers.
  await expect(sidebarMark).toHaveText('1/3 (1 of 3 checks)');
  expect(await accessibilityViolations(page)).toEqual([]);

  // Progress survives a reload and shows on the home page.
  await page.reload();
  await expect(page.locator('[data-check-id="three-ready"]')).toHaveAttribute('data-state', 'done');
  await page.goto('./');
  await expect(page.locator('main [data-progress-for="ordered-pods"]')).toHaveText(
    '1/3 (1 of 3 checks)',
  );
  await expect(page.locator('main [data-progress-for="what-is-a-statefulset"]')).toHaveText('');

  // Resetting the lesson's workspace starts its checks over.
  await page.goto(lesson);
  await expect(page.locator('sts-workspace')).toHaveAttribute('data-ready', '', {
    timeout: 20_000,
  });
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Reset workspace' }).click();
  await page.waitForLoadState('load');
  await expect(page.locator('sts-workspace')).toHaveAttribute('data-ready', '', {
    timeout: 20_000,
  });
  await expect(page.locator('[data-check-id="three-ready"]')).toHaveAttribute(
    'data-state',
    'pending',
  );
  await expect(page.locator('#lesson-sidebar [data-progress-for="ordered-pods"]')).toHaveText('');
});
