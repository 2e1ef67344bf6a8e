import { expect, test } from './fixtures.ts';
import { card, openSandbox } from './workspace-helpers.ts';

test('Events list what kubectl events shows, and each object they name opens', async ({ page }) => {
  const workspace = await openSandbox(page);
  await workspace.getByRole('button', { name: /^Apply/ }).click();
  await expect(card(workspace, 2)).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });

  const events = workspace.getByRole('list', { name: /^Kubernetes events/ });
  // The list catches up when it scrolls into view (off screen it does not render).
  await events.scrollIntoViewIfNeeded();
  // The StatefulSet controller's events, with upstream reasons and messages, in order.
  const created = events.locator('li').filter({ hasText: 'SuccessfulCreate' });
  await expect(created.filter({ hasText: 'create Pod db-cluster-0' })).toContainText(
    'Normal SuccessfulCreate statefulset/db-cluster create Pod db-cluster-0 in StatefulSet db-cluster successful',
  );
  await expect(created.filter({ hasText: 'create Claim data-volume-db-cluster-2' })).toContainText(
    'create Claim data-volume-db-cluster-2 Pod db-cluster-2 in StatefulSet db-cluster success',
  );
  const scheduled = events
    .locator('li')
    .filter({ hasText: 'Scheduled' })
    .filter({ hasText: 'pod/db-cluster-1' });
  await expect(scheduled).toContainText('Successfully assigned default/db-cluster-1 to');

  // The object in an event row is a button that shows it.
  await scheduled.getByRole('button', { name: 'pod/db-cluster-1' }).click();
  const dialog = page.getByRole('dialog', { name: 'pod/db-cluster-1' });
  await expect(dialog.locator('pre')).toContainText('$ kubectl describe pod db-cluster-1');
  await page.keyboard.press('Escape');

  // So is the object of a controller decision.
  const decisions = workspace.getByRole('list', { name: 'Recent decisions, newest first' });
  await decisions.getByRole('button', { name: 'statefulset/db-cluster' }).first().click();
  await expect(
    page.getByRole('dialog', { name: 'statefulset/db-cluster' }).locator('pre'),
  ).toContainText(/Name:\s+db-cluster/);
});
