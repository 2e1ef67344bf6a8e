import { expect, test } from './fixtures.ts';
import { card, openSandbox, typeCommand } from './workspace-helpers.ts';

test('the rewind history survives a reload: go back to before the apply after reopening', async ({
  page,
}) => {
  let workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
  await typeCommand(page, workspace, 'kubectl scale sts db-cluster --replicas=1');
  await expect(card(workspace, 1)).toHaveAttribute('data-state', 'absent', { timeout: 20_000 });
  await workspace.getByRole('button', { name: 'Pause' }).click();
  // Let the page save (it saves on hide too, but a reload in a test is abrupt).
  await page.waitForTimeout(3500);

  await page.reload();
  workspace = page.locator('sts-workspace');
  await expect(workspace).toHaveAttribute('data-ready', '', { timeout: 20_000 });
  await expect(card(workspace, 1)).toHaveAttribute('data-state', 'absent');
  const slider = workspace.getByRole('slider', { name: 'Go back in time' });
  await expect(slider).toHaveAttribute('min', '0');

  // Back to a moment while all three pods were Ready: the middle of db-cluster-2's Ready bar.
  await workspace.getByRole('button', { name: 'Pause' }).click();
  const readyBar = workspace.locator('.timeline-svg rect.band-pod-Ready').nth(2);
  await readyBar.scrollIntoViewIfNeeded();
  const box = await readyBar.boundingBox();
  expect(box).not.toBeNull();
  if (box) await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(workspace.getByRole('status').filter({ hasText: /^Back at / })).toBeVisible();
  for (const ordinal of [0, 1, 2]) {
    await expect(card(workspace, ordinal)).toHaveAttribute('data-state', 'ready');
  }

  // And all the way back, to before anything was applied.
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(workspace.getByText('No StatefulSets yet.')).toBeVisible();
  await expect(workspace.locator('[data-clock]')).toHaveText('0:00.0');
});
