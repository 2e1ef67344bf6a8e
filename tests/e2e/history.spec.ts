import { expect, test } from './fixtures.ts';
import {
  card,
  goBackToReadyBar,
  goBackToStart,
  openSandbox,
  typeCommand,
} from './workspace-helpers.ts';

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
  await goBackToReadyBar(page, workspace, 2);
  for (const ordinal of [0, 1, 2]) {
    await expect(card(workspace, ordinal)).toHaveAttribute('data-state', 'ready');
  }

  // And all the way back, to before anything was applied.
  await goBackToStart(page, workspace);
});
