import { expect, test } from './fixtures.ts';
import {
  card,
  openLesson,
  runButton,
  seeDbClusterReady,
  seeTerminal,
  terminalLines,
} from './workspace-helpers.ts';

const write = "kubectl exec db-cluster-1 -- sh -c 'echo hello > /var/lib/database/note.txt'";
const read = 'kubectl exec db-cluster-1 -- cat /var/lib/database/note.txt';
const deletePod = 'kubectl delete pod db-cluster-1';

test('the storage lesson keeps db-cluster-1’s data through the pod’s replacement', async ({
  page,
}) => {
  const workspace = await openLesson(page, 'storage');
  // The lesson starts with db-cluster running: three Ready pods.
  await seeDbClusterReady(workspace);
  const survived = page.locator('[data-check-id="data-survived"]');
  await expect(survived).toHaveAttribute('data-state', 'pending');
  await workspace.getByLabel('Speed').selectOption('10');

  // Write the note on db-cluster-1's volume: exec prints nothing, and the check is still pending.
  await runButton(page, write).click();
  const terminal = await seeTerminal(workspace);
  await expect(terminal).toContainText('/var/lib/database/note.txt');
  await expect.poll(async () => (await terminalLines(workspace)).at(-1)).toBe('$');
  await expect(survived).toHaveAttribute('data-state', 'pending');

  // Delete the pod; the controller brings back db-cluster-1 with the same claim.
  await runButton(page, deletePod).click();
  await expect(terminal).toContainText('pod "db-cluster-1" deleted from default namespace', {
    timeout: 60_000,
  });
  await expect(survived).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Check passed:' })).toContainText(
    'db-cluster-1 was replaced',
  );
  await expect(card(workspace, 1)).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });

  // The new pod reads the note back: a line that is exactly `hello` (the command line has it too).
  await runButton(page, read).first().click();
  await expect
    .poll(async () => (await terminalLines(workspace)).filter((line) => line === 'hello').length)
    .toBe(1);
  // The later checks are still to come.
  await expect(page.locator('[data-check-id="claims-kept"]')).toHaveAttribute(
    'data-state',
    'pending',
  );
});
