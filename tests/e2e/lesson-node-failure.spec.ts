import { expect, test } from './fixtures.ts';
import { openLesson, runButton, seeDbClusterReady, seeTerminal } from './workspace-helpers.ts';

const stopNode = 'docker stop kind-worker2';

test('the node-failure lesson sees kind-worker2 go NotReady and db-cluster-1 stuck Terminating', async ({
  page,
}) => {
  const workspace = await openLesson(page, 'node-failure');
  // The lesson starts with db-cluster running: three Ready pods.
  await seeDbClusterReady(workspace);
  const notReady = page.locator('[data-check-id="node-not-ready"]');
  const stuck = page.locator('[data-check-id="stuck-terminating"]');
  await expect(notReady).toHaveAttribute('data-state', 'pending');
  await expect(stuck).toHaveAttribute('data-state', 'pending');

  // Stop the node under db-cluster-1 (kind-worker2 in the browser's cluster); docker prints its name.
  await runButton(page, stopNode).click();
  const terminal = await seeTerminal(workspace);
  await expect(terminal).toContainText(stopNode);
  await workspace.getByLabel('Speed').selectOption('20');

  // After the node monitor grace period (50 s, 2.5 s at 20×) the node is NotReady.
  await expect(notReady).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Check passed:' })).toContainText(
    'A worker node is NotReady',
  );
  // After the 300 s toleration the pod is marked for deletion and stays: nothing replaces it.
  await expect(stuck).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  // The recovery checks are still to come.
  await expect(page.locator('[data-check-id="back-running"]')).toHaveAttribute(
    'data-state',
    'pending',
  );
});
